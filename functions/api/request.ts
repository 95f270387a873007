import { say } from '../../shared/form/messages.js';
import { type HttpEvent, RequestError } from '../http.js';

export const pathId = (event: HttpEvent): string => event.pathParameters?.id ?? '';

/** An optional `Idempotency-Key` header: a retried create returns the first result. */
export function idempotencyKey(event: HttpEvent): string | undefined {
  const key = event.headers?.['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[\w-]{8,128}$/.test(key)) {
    throw new RequestError(
      400,
      say(
        'Idempotency-Key harus 8–128 huruf, angka, "_" atau "-"',
        'Idempotency-Key must be 8–128 letters, digits, "_" or "-"',
      ),
    );
  }
  return key;
}
