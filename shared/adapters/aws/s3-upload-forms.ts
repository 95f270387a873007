import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { UploadForms } from '../../ports/upload-forms.js';
import { s3Client } from './clients.js';
import { calling } from './errors.js';

/**
 * Presigned POSTs: unlike a presigned PUT, the signed policy binds the size (`content-length-range`)
 * and, with the key and `Content-Type` as exact-match fields, what S3 stores under which name.
 */
export const s3UploadForms: UploadForms = {
  post(bucket, { key, contentType, minBytes, maxBytes, expiresInSeconds }) {
    return calling('S3', () =>
      createPresignedPost(s3Client(), {
        Bucket: bucket,
        Key: key,
        Fields: { 'Content-Type': contentType },
        Conditions: [['content-length-range', minBytes, maxBytes]],
        Expires: expiresInSeconds,
      }),
    );
  },
};
