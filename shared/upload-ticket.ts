import type { PresignedPost, UploadBinding } from './ports/upload-forms.js';

/** Upload forms live five minutes: enough to start a large upload, too short to pass around. */
export const UPLOAD_TTL_SECONDS = 300;

/** What the API answers for one browser upload: the presigned POST and the limits its policy binds. */
export interface UploadTicket extends PresignedPost {
  method: 'POST';
  expiresAt: string;
  maxBytes: number;
}

/** Signs one upload form for `binding` and says until when, and up to what size, S3 takes it. */
export async function uploadTicket(
  sign: (binding: UploadBinding) => Promise<PresignedPost>,
  binding: Omit<UploadBinding, 'expiresInSeconds'>,
  now: Date,
): Promise<UploadTicket> {
  const { url, fields } = await sign({ ...binding, expiresInSeconds: UPLOAD_TTL_SECONDS });
  return {
    url,
    method: 'POST',
    fields,
    expiresAt: new Date(now.getTime() + UPLOAD_TTL_SECONDS * 1000).toISOString(),
    maxBytes: binding.maxBytes,
  };
}
