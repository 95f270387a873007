import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { s3UploadUrls } from '../../shared/adapters/aws/s3-file-store.js';
import { Uploads } from '../../shared/archive/uploads.js';
import { systemClock } from '../../shared/ports.js';
import { authenticated, json } from '../http.js';
import { cloudAdapters } from './context.js';
import { pathId } from './request.js';

/** POST /api/agreements/{id}/uploads: a presigned PUT URL for the signed copy, and the upload's id. */
export const handler = authenticated(async (event, user) => {
  const uploads = new Uploads({
    ...cloudAdapters(),
    urls: s3UploadUrls,
    clock: systemClock,
    incomingBucket: requireEnv('INCOMING_BUCKET'),
  });
  return json(201, await uploads.request(pathId(event), user));
});
