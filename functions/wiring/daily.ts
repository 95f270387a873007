import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { S3ArchiveCopies } from '../../shared/adapters/aws/s3-ingestion-files.js';
import { ArchiveRenewal } from '../../shared/archive/renewal.js';
import { DailyJob } from '../../shared/evaluation/daily-job.js';
import { agreements, archive, changeDeps, evaluation, periodicReports, schedule } from './adapters.js';
import { auditTrail } from './audit.js';
import { reportService } from './reports.js';
import { renewalMarginDays, sealDeps } from './trusted-time.js';

/** Lifecycles, reminders, periodic reports, seal renewals and anchors, once a day. */
export const dailyJob = () =>
  new DailyJob({
    ...changeDeps(),
    agreements: agreements(),
    schedule: schedule(),
    evaluation: evaluation(),
    periodicReports: periodicReports(),
    reports: reportService,
    trail: auditTrail,
    renewal: () =>
      new ArchiveRenewal({
        ...changeDeps(),
        agreements: agreements(),
        archive: archive(),
        copies: new S3ArchiveCopies(requireEnv('ARCHIVE_BUCKET')),
        seal: sealDeps(),
        renewalMarginDays: renewalMarginDays(),
      }),
  });
