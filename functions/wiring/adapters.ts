import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { DynamoActivityReports } from '../../shared/adapters/aws/dynamo-activity-reports.js';
import { DynamoAgreements } from '../../shared/adapters/aws/dynamo-agreements.js';
import { DynamoAnchorMarks } from '../../shared/adapters/aws/dynamo-anchor-marks.js';
import { DynamoArchive } from '../../shared/adapters/aws/dynamo-archive.js';
import { DynamoAuditEvents } from '../../shared/adapters/aws/dynamo-audit-events.js';
import { DynamoAgreementChanges } from '../../shared/adapters/aws/dynamo-changes.js';
import { DynamoDelegations } from '../../shared/adapters/aws/dynamo-delegations.js';
import { DynamoEvaluationReadModel } from '../../shared/adapters/aws/dynamo-evaluation.js';
import { DynamoInbox } from '../../shared/adapters/aws/dynamo-inbox.js';
import { DynamoPeriodicReports } from '../../shared/adapters/aws/dynamo-periodic-reports.js';
import { DynamoRegionProfiles, DynamoUnitRegistry } from '../../shared/adapters/aws/dynamo-region.js';
import { DynamoRegisterStore } from '../../shared/adapters/aws/dynamo-register.js';
import { DynamoRouteStore } from '../../shared/adapters/aws/dynamo-routes.js';
import { DynamoSchedule } from '../../shared/adapters/aws/dynamo-schedule.js';
import { DynamoUploadStore } from '../../shared/adapters/aws/dynamo-uploads.js';
import { DynamoVerificationReports } from '../../shared/adapters/aws/dynamo-verification-reports.js';
import { S3AnchorLedger } from '../../shared/adapters/aws/s3-anchor-ledger.js';
import { S3FileStore } from '../../shared/adapters/aws/s3-file-store.js';
import { Table } from '../../shared/adapters/aws/table.js';
import type { ChangeDeps } from '../../shared/agreement/record-change.js';
import { systemClock } from '../../shared/ports/clock.js';

/**
 * A value made on its first use and kept for the container's life. Marked pure where it is called,
 * so that a bundle carries only the adapters its handler uses.
 */
export const once = <T>(make: () => T): (() => T) => {
  let made: T | undefined;
  return () => {
    made ??= make();
    return made;
  };
};

export const table = /* @__PURE__ */ once(() => new Table(requireEnv('TABLE_NAME')));
export const agreements = /* @__PURE__ */ once(() => new DynamoAgreements(table()));
export const auditEvents = /* @__PURE__ */ once(() => new DynamoAuditEvents(table()));
export const changes = /* @__PURE__ */ once(() => new DynamoAgreementChanges(table()));
export const routes = /* @__PURE__ */ once(() => new DynamoRouteStore(table()));
export const inbox = /* @__PURE__ */ once(() => new DynamoInbox(table()));
export const uploads = /* @__PURE__ */ once(() => new DynamoUploadStore(table()));
export const verificationReports = /* @__PURE__ */ once(() => new DynamoVerificationReports(table()));
export const archive = /* @__PURE__ */ once(() => new DynamoArchive(table()));
export const evaluation = /* @__PURE__ */ once(() => new DynamoEvaluationReadModel(table()));
export const activityReports = /* @__PURE__ */ once(() => new DynamoActivityReports(table()));
export const periodicReports = /* @__PURE__ */ once(() => new DynamoPeriodicReports(table()));
export const schedule = /* @__PURE__ */ once(() => new DynamoSchedule(table()));
export const anchorMarks = /* @__PURE__ */ once(() => new DynamoAnchorMarks(table()));
export const register = /* @__PURE__ */ once(() => new DynamoRegisterStore(table()));
export const delegations = /* @__PURE__ */ once(() => new DynamoDelegations(table()));
export const regionProfiles = /* @__PURE__ */ once(() => new DynamoRegionProfiles(table()));
export const unitRegistry = /* @__PURE__ */ once(() => new DynamoUnitRegistry(table()));

/** The documents bucket: rendered versions, signed PDFs, letters, attachments, reports. */
export const documents = /* @__PURE__ */ once(() => new S3FileStore(requireEnv('DOCUMENTS_BUCKET')));
/** The archive bucket, configured only for the functions that read it (downloads, anchors). */
export const archiveFiles = /* @__PURE__ */ once(() => new S3FileStore(requireEnv('ARCHIVE_BUCKET')));
export const anchorLedger = /* @__PURE__ */ once(() => new S3AnchorLedger(requireEnv('ARCHIVE_BUCKET')));

/** What every audited change needs: the one write, who decided last, the files, the clock. */
export const changeDeps = (): ChangeDeps => ({
  changes: changes(),
  events: auditEvents(),
  files: documents(),
  clock: systemClock,
});
