import type { AuditEvent } from './audit.js';

/** The actor of what the daily schedule does to an agreement (time moving it, the archive renewing it). */
export const SCHEDULE: AuditEvent['actor'] = {
  sub: 'system:daily-job',
  name: 'Jadwal harian / daily schedule',
  role: 'admin',
};
