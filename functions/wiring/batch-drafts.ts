import { S3StoredObjects } from '../../shared/adapters/aws/s3-ingestion-files.js';
import { identityOfUser } from '../../shared/admin/user.js';
import { BatchDrafts } from '../../shared/batch/drafts.js';
import { systemClock } from '../../shared/ports/clock.js';
import { documents } from './adapters.js';
import { batchStore } from './batches.js';
import { drafting } from './drafting.js';
import { callerOf } from './identity.js';

/** The drafting of uploaded workbooks: only DraftBatch carries the workbook reader and the renderers. */
export const batchDrafts = () =>
  new BatchDrafts({
    store: batchStore(),
    files: documents(),
    uploaded: new S3StoredObjects(),
    clock: systemClock,
    drafting,
    drafter: async (sub) => identityOfUser(await callerOf(sub)),
  });
