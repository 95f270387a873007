import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { identityOfUser, type User } from '../shared/admin/user.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  UnavailableError,
  ValidationError,
} from '../shared/errors.js';
import { type Bilingual, say } from '../shared/form/messages.js';
import type { Identity } from '../shared/identity/identity.js';
import { RaceLostError } from '../shared/workflow/race.js';
import { count, logger, observed } from './observability.js';
import { callerOf } from './wiring/identity.js';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;
export type HttpHandler = (event: HttpEvent) => Promise<HttpResult>;
/** What Lambda invokes: the same handler, given the invocation's context when there is one. */
export type LambdaHttpHandler = (event: HttpEvent, context?: Context) => Promise<HttpResult>;

/** A client error raised while reading the request itself (content type, JSON syntax, size). */
export class RequestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly text: Bilingual,
  ) {
    super(text.en);
  }
}

export const json = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

export const binary = (bytes: Uint8Array, contentType: string, filename: string): HttpResult => ({
  statusCode: 200,
  headers: {
    'content-type': contentType,
    'content-disposition': `inline; filename="${filename}"`,
    'cache-control': 'no-store',
  },
  body: Buffer.from(bytes).toString('base64'),
  isBase64Encoded: true,
});

const errorBody = (error: string, message: Bilingual, extra: Record<string, unknown> = {}) => ({
  error,
  message,
  ...extra,
});

/** The one place that turns failures into HTTP responses; nothing else catches to shape a status. */
export function toResponse(error: unknown, requestId: string): HttpResult {
  if (error instanceof ValidationError) {
    const n = error.issues.length;
    return json(
      400,
      errorBody(
        'validation_failed',
        say(`Ada ${n} isian yang perlu diperbaiki`, `${n} field(s) need fixing`),
        {
          issues: error.issues,
        },
      ),
    );
  }
  if (error instanceof RequestError) return json(error.statusCode, errorBody('bad_request', error.text));
  if (error instanceof UnauthorizedError) {
    return json(
      401,
      errorBody('unauthorized', error.text ?? say('Silakan masuk terlebih dahulu', 'Please sign in first')),
      { 'www-authenticate': 'Bearer' },
    );
  }
  if (error instanceof ForbiddenError) {
    return json(403, errorBody('forbidden', error.text, { details: error.details ?? {} }));
  }
  if (error instanceof NotFoundError) {
    return json(
      404,
      errorBody('not_found', say(`${error.what} tidak ditemukan`, `${error.what} was not found`)),
    );
  }
  if (error instanceof ConflictError) {
    return json(409, errorBody('conflict', error.text, { details: error.details ?? {} }));
  }
  if (error instanceof RaceLostError) {
    // A lost race the domain did not turn into a ConflictError naming the winner: still the client's
    // turn to reload, never an internal error.
    return json(
      409,
      errorBody(
        'conflict',
        say(
          'Kerja sama ini diubah oleh permintaan lain pada saat yang sama: muat ulang lalu coba lagi',
          'The agreement was changed by another request at the same moment: reload it and try again',
        ),
        { details: { agreementId: error.agreementId } },
      ),
    );
  }
  if (error instanceof UnavailableError) {
    logger.error('dependency unavailable', {
      requestId,
      dependency: error.dependency,
      cause: String(error.cause),
    });
    count('Unavailable');
    return json(
      503,
      errorBody(
        'unavailable',
        error.text ??
          say(
            'Layanan penyimpanan sedang tidak tersedia; tidak ada yang tersimpan. Coba lagi sebentar lagi.',
            'Storage is unavailable right now; nothing was saved. Please try again shortly.',
          ),
      ),
      { 'retry-after': '5' },
    );
  }
  logger.error('unhandled error', { requestId, error: error as Error });
  count('InternalErrors');
  return json(
    500,
    errorBody('internal', say('Terjadi kesalahan internal', 'An internal error occurred'), { requestId }),
  );
}

/** Wraps a handler body so that every error becomes a shaped response, logged and counted. */
export function http(handle: HttpHandler): LambdaHttpHandler {
  return observed(async (event: HttpEvent) => {
    const requestId = event.requestContext?.requestId ?? 'unknown';
    logger.appendKeys({ apiRequestId: requestId });
    try {
      return await handle(event);
    } catch (error) {
      return toResponse(error, requestId);
    }
  });
}

/**
 * The subject of the caller's token. API Gateway's JWT authorizer (cloud) and the embedded stack's
 * adapter (local) have verified the token and put its claims on the request context; the token proves
 * who signed in, nothing more.
 */
function subjectOf(event: HttpEvent): string {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } })
    ?.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (typeof sub !== 'string' || !sub) throw new UnauthorizedError();
  return sub;
}

/**
 * Like `http`, for routes that need a signed-in user: the stored user the token names, read on this
 * request (unknown → 401, disabled → 403), so an admin's change holds from the user's next request.
 */
export function signedIn(handle: (event: HttpEvent, user: User) => Promise<HttpResult>): LambdaHttpHandler {
  return http(async (event) => handle(event, await callerOf(subjectOf(event))));
}

/** Like `signedIn`, handing the handler the identity every check reads: role, unit, name. */
export function authenticated(
  handle: (event: HttpEvent, user: Identity) => Promise<HttpResult>,
): LambdaHttpHandler {
  return signedIn((event, user) => handle(event, identityOfUser(user)));
}

/** The `{id}` of the path; an empty one names nothing, and is answered as not found. */
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

/**
 * Reads a file sent as the request body, of 1 byte to `maxBytes`, of one of `types` (`what` names
 * them for the 415 a clerk reads); answers its type and bytes.
 */
export function fileBody(
  event: HttpEvent,
  types: readonly string[],
  what: Bilingual,
  maxBytes: number,
): { contentType: string; bytes: Uint8Array } {
  const type = (event.headers?.['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!types.includes(type)) throw new RequestError(415, what);
  // A text body arrives as a string of its characters; anything else not base64-encoded, byte by byte.
  const encoding = event.isBase64Encoded ? 'base64' : type.startsWith('text/') ? 'utf8' : 'latin1';
  const bytes = Buffer.from(event.body ?? '', encoding);
  if (bytes.length === 0 || bytes.length > maxBytes) {
    const mb = maxBytes / 1024 / 1024;
    throw new RequestError(
      400,
      say(`Berkas kosong atau lebih dari ${mb} MB`, `The file is empty or larger than ${mb} MB`),
    );
  }
  return { contentType: type, bytes: new Uint8Array(bytes) };
}

/** Reads a PDF sent as the request body, of 1 byte to `maxBytes`; other types are a 415. */
export function pdfBody(event: HttpEvent, maxBytes: number): Uint8Array {
  return fileBody(
    event,
    ['application/pdf'],
    say(
      'Kirim berkas PDF (Content-Type: application/pdf)',
      'Send the PDF file (Content-Type: application/pdf)',
    ),
    maxBytes,
  ).bytes;
}

/** Reads a JSON request body; refuses other content types and malformed JSON with a clear 4xx. */
export function jsonBody(event: HttpEvent): unknown {
  const type = (event.headers?.['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new RequestError(
      415,
      say(
        'Kirim formulir sebagai JSON dengan Content-Type: application/json',
        'Send the form as JSON with Content-Type: application/json',
      ),
    );
  }
  const text = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError(
      400,
      say('Isi permintaan bukan JSON yang sah', 'The request body is not valid JSON'),
    );
  }
}
