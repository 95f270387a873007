import { DynamoAgreementStore } from '../../../shared/adapters/aws/dynamo-agreement-store.js';
import { DynamoEvaluationStore } from '../../../shared/adapters/aws/dynamo-evaluation-store.js';
import { S3AnchorLedger } from '../../../shared/adapters/aws/s3-anchor-ledger.js';
import { S3FileStore } from '../../../shared/adapters/aws/s3-file-store.js';
import { DailyJob } from '../../../shared/evaluation/daily-job.js';
import { ReportService } from '../../../shared/evaluation/report-service.js';
import { AuditTrail } from '../../../shared/workflow/audit-trail.js';
import type { StackHandle } from './stack.js';

/** The daily job as the schedule runs it on the embedded stack, with the clock frozen at `day` (09:00 UTC). */
export function dailyJobOn(stack: StackHandle, day: string): DailyJob {
  const clock = { now: () => new Date(`${day}T09:00:00.000Z`) };
  const table = stack.env.TABLE_NAME as string;
  const store = new DynamoAgreementStore(table);
  const evaluation = new DynamoEvaluationStore(table);
  const files = new S3FileStore(stack.env.DOCUMENTS_BUCKET as string);
  return new DailyJob({
    store,
    evaluation,
    clock,
    trail: () =>
      new AuditTrail({
        store,
        files,
        anchors: () => new S3AnchorLedger(stack.env.ARCHIVE_BUCKET as string),
        clock,
      }),
    reports: () => new ReportService({ evaluation, files, clock, region: 'Provinsi Jawa Tengah' }),
  });
}
