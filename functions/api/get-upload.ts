import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { s3UploadUrls } from '../../shared/adapters/aws/s3-file-store.js';
import { Uploads } from '../../shared/archive/uploads.js';
import { systemClock } from '../../shared/ports.js';
import { authenticated, json } from '../http.js';
import { cloudAdapters } from './context.js';
import { pathId } from './request.js';

/** GET /api/uploads/{id}: pending, accepted, or quarantined with the reason. */
export const handler = authenticated(async (event, user) => {
  const uploads = new Uploads({
    ...cloudAdapters(),
    urls: s3UploadUrls,
    clock: systemClock,
    incomingBucket: requireEnv('INCOMING_BUCKET'),
  });
  return json(200, await uploads.status(pathId(event), user));
});
