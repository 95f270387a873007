import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { DynamoAgreementStore } from '../../shared/adapters/aws/dynamo-agreement-store.js';
import { DynamoArchiveStore } from '../../shared/adapters/aws/dynamo-archive-store.js';
import { S3AnchorLedger } from '../../shared/adapters/aws/s3-anchor-ledger.js';
import { S3FileStore } from '../../shared/adapters/aws/s3-file-store.js';
import { s3UploadForms } from '../../shared/adapters/aws/s3-upload-forms.js';
import { Uploads } from '../../shared/archive/uploads.js';
import { type FileStore, systemClock } from '../../shared/ports.js';
import { AuditTrail } from '../../shared/workflow/audit-trail.js';
import { WorkflowService } from '../../shared/workflow/service.js';

/** The cloud adapters behind the ports, made once per Lambda container. */
let adapters: { store: DynamoAgreementStore; archive: DynamoArchiveStore; files: FileStore } | undefined;

export function cloudAdapters(): {
  store: DynamoAgreementStore;
  archive: DynamoArchiveStore;
  files: FileStore;
} {
  adapters ??= {
    store: new DynamoAgreementStore(requireEnv('TABLE_NAME')),
    archive: new DynamoArchiveStore(requireEnv('TABLE_NAME')),
    files: new S3FileStore(requireEnv('DOCUMENTS_BUCKET')),
  };
  return adapters;
}

export const workflowService = () => new WorkflowService({ ...cloudAdapters(), clock: systemClock });

/** The history and the daily job read (and the job writes) the anchors in the archive bucket. */
export const auditTrail = () =>
  new AuditTrail({
    ...cloudAdapters(),
    anchors: () => new S3AnchorLedger(requireEnv('ARCHIVE_BUCKET')),
    clock: systemClock,
  });

export const uploadsService = () =>
  new Uploads({
    ...cloudAdapters(),
    forms: s3UploadForms,
    clock: systemClock,
    incomingBucket: () => requireEnv('INCOMING_BUCKET'),
  });
