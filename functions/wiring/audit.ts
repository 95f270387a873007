import { systemClock } from '../../shared/ports/clock.js';
import { AuditTrail } from '../../shared/workflow/audit-trail.js';
import { agreements, anchorLedger, anchorMarks, auditEvents } from './adapters.js';

/** The history and the daily job read (and the job writes) the anchors in the archive bucket. */
export const auditTrail = () =>
  new AuditTrail({
    agreements: agreements(),
    events: auditEvents(),
    marks: anchorMarks(),
    anchors: anchorLedger,
    clock: systemClock,
  });
