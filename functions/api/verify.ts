import { say } from '../../shared/form/messages.js';
import { http, json, RequestError } from '../http.js';
import { verificationService } from './verification-context.js';

/** Verification accepts PDFs up to Lambda's payload size. */
const MAX_BYTES = 5 * 1024 * 1024;

/** POST /api/verify with the PDF as body (public): is this the archived signed copy, and are its signatures valid? */
export const handler = http(async (event) => {
  const type = (event.headers?.['content-type'] ?? '').split(';')[0]?.trim();
  if (type !== 'application/pdf') {
    throw new RequestError(
      415,
      say(
        'Kirim berkas PDF (Content-Type: application/pdf)',
        'Send the PDF file (Content-Type: application/pdf)',
      ),
    );
  }
  const bytes = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'latin1');
  if (bytes.length === 0 || bytes.length > MAX_BYTES) {
    throw new RequestError(
      400,
      say('Berkas kosong atau lebih dari 5 MB', 'The file is empty or larger than 5 MB'),
    );
  }
  return json(200, await verificationService().verify(new Uint8Array(bytes)));
});
