import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { DynamoBatchStore } from '../../shared/adapters/aws/dynamo-batches.js';
import { s3UploadForms } from '../../shared/adapters/aws/s3-upload-forms.js';
import { Batches } from '../../shared/batch/batches.js';
import { systemClock } from '../../shared/ports/clock.js';
import { documents, once, table } from './adapters.js';

export const batchStore = /* @__PURE__ */ once(() => new DynamoBatchStore(table()));

/** Batch drafting's requests: the upload form, the progress and result, the dead letters' verdict. */
export const batches = () =>
  new Batches({
    store: batchStore(),
    forms: s3UploadForms,
    files: documents(),
    clock: systemClock,
    incomingBucket: () => requireEnv('INCOMING_BUCKET'),
  });
