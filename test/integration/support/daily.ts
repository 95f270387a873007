import { DynamoAgreements } from '../../../shared/adapters/aws/dynamo-agreements.js';
import { DynamoAnchorMarks } from '../../../shared/adapters/aws/dynamo-anchor-marks.js';
import { DynamoArchive } from '../../../shared/adapters/aws/dynamo-archive.js';
import { DynamoAuditEvents } from '../../../shared/adapters/aws/dynamo-audit-events.js';
import { DynamoAgreementChanges } from '../../../shared/adapters/aws/dynamo-changes.js';
import { DynamoEvaluationReadModel } from '../../../shared/adapters/aws/dynamo-evaluation.js';
import { DynamoPeriodicReports } from '../../../shared/adapters/aws/dynamo-periodic-reports.js';
import { DynamoSchedule } from '../../../shared/adapters/aws/dynamo-schedule.js';
import { S3AnchorLedger } from '../../../shared/adapters/aws/s3-anchor-ledger.js';
import { S3FileStore } from '../../../shared/adapters/aws/s3-file-store.js';
import { S3ArchiveCopies } from '../../../shared/adapters/aws/s3-ingestion-files.js';
import { Table } from '../../../shared/adapters/aws/table.js';
import { httpRevocationFetcher } from '../../../shared/adapters/http-revocation.js';
import { HttpTimestampAuthorities } from '../../../shared/adapters/tsa/http-timestamp-authorities.js';
import { ArchiveRenewal } from '../../../shared/archive/renewal.js';
import { DailyJob } from '../../../shared/evaluation/daily-job.js';
import { ReportService } from '../../../shared/evaluation/report-service.js';
import type { SealDeps } from '../../../shared/signing/archival.js';
import { AuditTrail } from '../../../shared/workflow/audit-trail.js';
import type { StackHandle } from './stack.js';

/**
 * The daily job as the schedule runs it on the embedded stack, with the clock frozen at `day` (09:00
 * UTC); `seal` replaces the stack's own TSA for renewals (e.g. one whose certificate is newer).
 */
export function dailyJobOn(stack: StackHandle, day: string, seal?: SealDeps): DailyJob {
  const clock = { now: () => new Date(`${day}T09:00:00.000Z`) };
  const table = new Table(stack.env.TABLE_NAME as string);
  const agreements = new DynamoAgreements(table);
  const events = new DynamoAuditEvents(table);
  const periodicReports = new DynamoPeriodicReports(table);
  const files = new S3FileStore(stack.env.DOCUMENTS_BUCKET as string);
  return new DailyJob({
    agreements,
    changes: new DynamoAgreementChanges(table),
    events,
    files,
    schedule: new DynamoSchedule(table),
    evaluation: new DynamoEvaluationReadModel(table),
    periodicReports,
    clock,
    trail: () =>
      new AuditTrail({
        agreements,
        events,
        marks: new DynamoAnchorMarks(table),
        anchors: () => new S3AnchorLedger(stack.env.ARCHIVE_BUCKET as string),
        clock,
      }),
    reports: () =>
      new ReportService({ periodicReports, files, clock, regionName: async () => 'Provinsi Jawa Tengah' }),
    renewal: () =>
      new ArchiveRenewal({
        agreements,
        changes: new DynamoAgreementChanges(table),
        events,
        files,
        clock,
        archive: new DynamoArchive(table),
        copies: new S3ArchiveCopies(stack.env.ARCHIVE_BUCKET as string),
        seal: seal ?? {
          timestamps: new HttpTimestampAuthorities([stack.env.TSA_URLS as string], { timeoutMs: 5000 }),
          revocation: httpRevocationFetcher,
        },
        renewalMarginDays: 180,
      }),
  });
}
