import { createHash, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { PassThrough } from 'node:stream';
import { escapeUri, HttpRequest } from '@smithy/core/protocols';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import busboy from 'busboy';
import cors from 's3rver/lib/middleware/cors.js';
import S3Error from 's3rver/lib/models/error.js';
import type FilesystemStore from 's3rver/lib/stores/filesystem.js';
import {
  BodyAborted,
  BodyTimedOut,
  BodyTooLarge,
  DEFAULT_LIMITS,
  type RequestLimits,
  readBody,
  receiveBody,
  serverTimeouts,
} from './request-body.js';
import { checkPolicy, decodePolicy, type SizeRange } from './s3-post-policy.js';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The S3 application behind the gateway: s3rver, a Koa app that never listens itself. */
export interface S3App {
  callback(): RequestListener;
  store: unknown;
}

export interface S3GatewayOptions {
  app: S3App;
  credentials: S3Credentials;
  region: string;
  limits?: Partial<RequestLimits & { maxObjectBytes: number }>;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** S3 refuses header-signed requests dated further than this from its clock. */
const MAX_SKEW_MS = 15 * 60_000;
/** A presigned URL lives at most a week. */
const MAX_EXPIRES_SECONDS = 604_800;
/** S3's limit on the form fields before the file of a POST upload. */
const MAX_POST_FIELDS_BYTES = 20 * 1024;
/**
 * The gateway holds a body in memory until its signature, hash and size are checked, so s3rver
 * (which writes straight into the object's file) never sees a partial or refused body. S3 takes
 * 5 GB in one PUT; the embedded stack's largest objects are reports of tens of megabytes.
 */
const DEFAULT_MAX_OBJECT_BYTES = 256 * 1024 * 1024;
/** POST form fields forwarded to s3rver as the object's headers and metadata. */
const STORED_POST_FIELDS =
  /^(content-type|cache-control|content-disposition|content-encoding|expires|success_action_status|success_action_redirect|x-amz-meta-[a-z0-9_.-]+)$/;

const fail = (code: string, message: string, detail?: Record<string, string | number>, status?: number) =>
  Object.assign(new S3Error(code, message, detail), status ? { status } : {});

const signatureMismatch = () =>
  fail(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  );

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `yyyyMMddTHHmmssZ`, as X-Amz-Date carries it. */
function parseAmzDate(value: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  const date = m && new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

interface Target {
  method: string;
  /** The path as SigV4 canonicalises it for S3: each segment decoded, then URI-encoded once. */
  canonicalPath: string;
  bucket?: string;
  key?: string;
  query: Record<string, string | string[]>;
}

function targetOf(req: IncomingMessage): Target {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw fail('InvalidURI', "Couldn't parse the specified URI.", { URI: url });
    }
  };
  const segments = (q < 0 ? url : url.slice(0, q)).split('/').map(decode);
  const query: Record<string, string | string[]> = {};
  for (const pair of q < 0 ? [] : url.slice(q + 1).split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    const previous = query[name];
    query[name] = previous === undefined ? value : [previous, value].flat();
  }
  return {
    method: req.method ?? 'GET',
    canonicalPath: segments.map(escapeUri).join('/'),
    ...(segments[1] ? { bucket: segments[1] } : {}),
    ...(segments.length > 2 && segments.slice(2).join('/') ? { key: segments.slice(2).join('/') } : {}),
    query,
  };
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/** A copy of the request with a body already read, for the S3 app to consume as if it came off the wire. */
function replay(
  req: IncomingMessage,
  body: Buffer,
  headers: IncomingHttpHeaders = req.headers,
): IncomingMessage {
  const stream = new PassThrough();
  stream.end(body);
  const { 'transfer-encoding': _, ...rest } = headers;
  return Object.assign(stream, {
    method: req.method,
    url: req.url,
    headers: { ...rest, 'content-length': String(body.length) },
    rawHeaders: [],
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
    socket: req.socket,
    connection: req.socket,
    complete: true,
    aborted: false,
    trailers: {},
    rawTrailers: [],
  }) as unknown as IncomingMessage;
}

/**
 * An HTTP front for s3rver that authenticates every request as S3 does: SigV4 in the
 * Authorization header (with the payload hash checked), presigned URLs (with their expiry), and
 * browser POST uploads (the policy's signature, expiration and every condition, the file's size
 * against its content-length-range). Only CORS preflights pass unauthenticated, as on S3; every
 * other anonymous request is denied, as on a private bucket. Errors are S3's XML errors.
 */
export function createS3Gateway(options: S3GatewayOptions): Server {
  const { credentials, region } = options;
  const limits = { ...DEFAULT_LIMITS, maxObjectBytes: DEFAULT_MAX_OBJECT_BYTES, ...options.limits };
  const now = () => new Date();
  const s3 = options.app.callback();
  const setCors = cors();
  const signer = new SignatureV4({
    credentials,
    region,
    service: 's3',
    sha256: Hash.bind(null, 'sha256'),
    // S3 signs the path as sent (each segment encoded once) and never adds a payload hash itself.
    uriEscapePath: false,
    applyChecksum: false,
  });

  /** Checks Credential's access key, date, region, service and terminator. */
  function checkScope(credential: string, amzDate: string, malformed: string): Date {
    const [accessKeyId, day, scopeRegion, service, terminal, ...more] = credential.split('/');
    const signed = parseAmzDate(amzDate);
    if (!signed || more.length || terminal === undefined)
      throw fail(malformed, `Error parsing the X-Amz-Credential parameter: ${credential}`);
    if (accessKeyId !== credentials.accessKeyId)
      throw fail('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
        AWSAccessKeyId: String(accessKeyId),
      });
    if (day !== amzDate.slice(0, 8))
      throw fail(malformed, 'Invalid credential date. Date is not the same as X-Amz-Date.');
    if (scopeRegion !== region)
      throw fail(malformed, `the region '${scopeRegion}' is wrong; expecting '${region}'`, {
        Region: region,
      });
    if (service !== 's3')
      throw fail(malformed, `incorrect service '${service}'. This endpoint belongs to 's3'.`);
    if (terminal !== 'aws4_request')
      throw fail(malformed, `incorrect terminal '${terminal}'. This endpoint uses 'aws4_request'.`);
    return signed;
  }

  /** The headers the client signed, as it sent them; any x-amz-* header left unsigned is refused. */
  function signedHeaders(req: IncomingMessage, list: string): Record<string, string> {
    const names = list.split(';').map((n) => n.trim().toLowerCase());
    if (!names.includes('host')) throw fail('AccessDenied', 'The host header must be signed.');
    const unsigned = Object.keys(req.headers).filter((n) => n.startsWith('x-amz-') && !names.includes(n));
    if (unsigned.length)
      throw fail('AccessDenied', 'There were headers present in the request which were not signed', {
        HeadersNotSigned: unsigned.join(', '),
      });
    if (req.headers['x-amz-security-token'] !== undefined)
      throw fail('InvalidToken', 'The provided token is malformed or otherwise invalid.');
    const headers: Record<string, string> = {};
    for (const name of names) {
      const value = header(req, name);
      if (value !== undefined) headers[name] = value;
    }
    return headers;
  }

  /** A request signed in its Authorization header; returns the payload hash it declares. */
  async function verifyHeaderSignature(req: IncomingMessage, target: Target): Promise<string> {
    const authorization = header(req, 'authorization') ?? '';
    const [algorithm, ...rest] = authorization.split(' ');
    if (algorithm !== ALGORITHM)
      throw fail(
        'InvalidRequest',
        'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
      );
    const parts = new Map(
      rest
        .join('')
        .split(',')
        .map((p) => {
          const eq = p.indexOf('=');
          return [p.slice(0, eq), p.slice(eq + 1)] as const;
        }),
    );
    const credential = parts.get('Credential');
    const list = parts.get('SignedHeaders');
    const signature = parts.get('Signature');
    if (!credential || !list || !signature || parts.size !== 3)
      throw fail(
        'AuthorizationHeaderMalformed',
        'The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature.',
      );
    const amzDate = header(req, 'x-amz-date');
    const signingDate = parseAmzDate(amzDate);
    if (!amzDate || !signingDate)
      throw fail('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
    if (Math.abs(now().getTime() - signingDate.getTime()) > MAX_SKEW_MS)
      throw fail(
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large.',
        {
          RequestTime: amzDate,
          ServerTime: now().toISOString(),
        },
      );
    checkScope(credential, amzDate, 'AuthorizationHeaderMalformed');
    const payloadHash = header(req, 'x-amz-content-sha256');
    if (payloadHash === undefined)
      throw fail('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
    const headers = signedHeaders(req, list);
    const names = new Set(Object.keys(headers));
    const expected = await signer.sign(
      new HttpRequest({ method: target.method, path: target.canonicalPath, query: target.query, headers }),
      { signingDate, signableHeaders: names },
    );
    const computed = /Signature=([0-9a-f]{64})$/.exec(String(expected.headers.authorization))?.[1] ?? '';
    if (!sameSignature(computed, signature)) throw signatureMismatch();
    return payloadHash;
  }

  /** A presigned URL; returns the payload hash it declares (UNSIGNED-PAYLOAD unless it names one). */
  async function verifyQuerySignature(req: IncomingMessage, target: Target): Promise<string> {
    const param = (name: string) => {
      const value = target.query[name];
      return typeof value === 'string' ? value : undefined;
    };
    if (param('X-Amz-Algorithm') !== ALGORITHM)
      throw fail('AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
    const credential = param('X-Amz-Credential');
    const amzDate = param('X-Amz-Date');
    const expires = param('X-Amz-Expires');
    const list = param('X-Amz-SignedHeaders');
    const signature = param('X-Amz-Signature');
    if (!credential || !amzDate || !expires || !list || !signature)
      throw fail(
        'AuthorizationQueryParametersError',
        'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      );
    if (!/^\d+$/.test(expires) || Number(expires) > MAX_EXPIRES_SECONDS)
      throw fail(
        'AuthorizationQueryParametersError',
        'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
      );
    if (param('X-Amz-Security-Token') !== undefined)
      throw fail('InvalidToken', 'The provided token is malformed or otherwise invalid.');
    const signingDate = checkScope(credential, amzDate, 'AuthorizationQueryParametersError');
    const expiry = new Date(signingDate.getTime() + Number(expires) * 1000);
    if (now() > expiry)
      throw fail('AccessDenied', 'Request has expired', {
        'X-Amz-Expires': expires,
        Expires: expiry.toISOString(),
        ServerTime: now().toISOString(),
      });
    if (signingDate.getTime() - now().getTime() > MAX_SKEW_MS)
      throw fail('AccessDenied', 'Request is not valid yet');
    const headers = signedHeaders(req, list);
    const signed = new Set(Object.keys(headers));
    const hashParam = Object.keys(target.query).find((k) => k.toLowerCase() === 'x-amz-content-sha256');
    const payloadHash =
      headers['x-amz-content-sha256'] ?? (hashParam && param(hashParam)) ?? UNSIGNED_PAYLOAD;
    const { 'X-Amz-Signature': _, ...query } = target.query;
    const expected = await signer.presign(
      new HttpRequest({
        method: target.method,
        path: target.canonicalPath,
        query,
        headers: { ...headers, 'x-amz-content-sha256': payloadHash },
      }),
      {
        signingDate,
        expiresIn: Number(expires),
        signableHeaders: signed,
        // The query stays as the client sent it; the payload hash is not a header unless it was signed as one.
        unhoistableHeaders: new Set([...signed, 'x-amz-content-sha256']),
        unsignableHeaders: new Set(signed.has('x-amz-content-sha256') ? [] : ['x-amz-content-sha256']),
      },
    );
    if (!sameSignature(String(expected.query?.['X-Amz-Signature']), signature)) throw signatureMismatch();
    return payloadHash;
  }

  /** The payload hash against the body: S3 refuses a body that is not the one signed. */
  function checkPayload(payloadHash: string, body: Buffer): void {
    if (payloadHash === UNSIGNED_PAYLOAD) return;
    if (payloadHash.startsWith('STREAMING-'))
      throw fail('NotImplemented', `The embedded S3 does not decode ${payloadHash} (aws-chunked) bodies.`);
    if (!/^[0-9a-fA-F]{64}$/.test(payloadHash))
      throw fail(
        'InvalidArgument',
        'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, or a valid sha256 value.',
        {
          ArgumentName: 'x-amz-content-sha256',
          ArgumentValue: payloadHash,
        },
      );
    const computed = createHash('sha256').update(body).digest('hex');
    if (computed !== payloadHash.toLowerCase())
      throw fail(
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
        { ClientComputedContentSHA256: payloadHash, S3ComputedContentSHA256: computed },
        400,
      );
  }

  /** The policy's signature and conditions, once the fields before the file are in. */
  async function authorisePost(bucket: string, fields: Map<string, string>): Promise<SizeRange> {
    const policy = fields.get('policy');
    const signature = fields.get('x-amz-signature');
    if (policy === undefined && signature === undefined) throw fail('AccessDenied', 'Access Denied');
    for (const name of ['policy', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signature']) {
      if (!fields.get(name))
        throw fail('InvalidArgument', `Bucket POST must contain a field named '${name}'.`, {
          ArgumentName: name,
        });
    }
    if (fields.get('x-amz-algorithm') !== ALGORITHM)
      throw fail('InvalidArgument', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
    if (fields.has('x-amz-security-token'))
      throw fail('InvalidToken', 'The provided token is malformed or otherwise invalid.');
    const signingDate = checkScope(
      fields.get('x-amz-credential') as string,
      fields.get('x-amz-date') as string,
      'InvalidArgument',
    );
    const expected = await signer.sign(policy as string, { signingDate });
    if (!sameSignature(expected, signature as string)) throw signatureMismatch();
    const range = checkPolicy(
      decodePolicy(policy as string),
      { bucket, fields },
      now(),
      limits.maxObjectBytes,
    );
    if (!fields.get('key'))
      throw fail('InvalidArgument', "Bucket POST must contain a field named 'key'.", { ArgumentName: 'key' });
    return range;
  }

  /**
   * Reads a multipart POST upload: the fields, then (once they pass the policy) the file, counted
   * against the policy's size range as it arrives. S3 ignores whatever follows the file.
   */
  function receivePost(
    req: IncomingMessage,
    bucket: string,
  ): Promise<{ fields: Map<string, string>; filename: string; file: Buffer }> {
    return new Promise((resolve, reject) => {
      const fields = new Map<string, string>();
      let fieldBytes = 0;
      let upload: { filename: string; chunks: Buffer[]; size: number; done: boolean } | undefined;
      let failed = false;
      const failWith = (error: unknown) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      let parser: busboy.Busboy;
      try {
        parser = busboy({ headers: req.headers, limits: { fieldSize: MAX_POST_FIELDS_BYTES, files: 1 } });
      } catch {
        return reject(
          fail(
            'MalformedPOSTRequest',
            'The body of your POST request is not well-formed multipart/form-data.',
          ),
        );
      }
      parser.on('field', (name, value, info) => {
        if (upload || failed) return;
        fieldBytes += name.length + value.length;
        if (fieldBytes > MAX_POST_FIELDS_BYTES || info.valueTruncated || info.nameTruncated)
          return failWith(
            fail(
              'MaxPostPreDataLengthExceededError',
              'Your POST request fields preceding the upload file were too large.',
            ),
          );
        const lower = name.toLowerCase();
        if (fields.has(lower))
          return failWith(
            fail('InvalidArgument', `The field ${name} appears more than once.`, { ArgumentName: name }),
          );
        fields.set(lower, value);
      });
      parser.on('file', (name, stream, info) => {
        // A form cut short fails the file stream as well as the parser.
        stream.on('error', failWith);
        if (upload || failed || name.toLowerCase() !== 'file') {
          stream.resume();
          if (!upload && !failed)
            failWith(fail('InvalidArgument', `The file field must be named 'file', not '${name}'.`));
          return;
        }
        const current = { filename: info.filename ?? '', chunks: [] as Buffer[], size: 0, done: false };
        upload = current;
        stream.pause();
        authorisePost(bucket, fields).then((range) => {
          stream.on('data', (chunk: Buffer) => {
            current.size += chunk.length;
            if (current.size > range.max)
              failWith(
                fail('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
                  ProposedSize: current.size,
                  MaxSizeAllowed: range.max,
                }),
              );
            else current.chunks.push(chunk);
          });
          stream.on('end', () => {
            if (current.size < range.min)
              return failWith(
                fail('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
                  ProposedSize: current.size,
                  MinSizeAllowed: range.min,
                }),
              );
            current.done = true;
          });
          stream.resume();
        }, failWith);
      });
      parser.on('error', () =>
        failWith(
          fail(
            'MalformedPOSTRequest',
            'The body of your POST request is not well-formed multipart/form-data.',
          ),
        ),
      );
      parser.on('close', () => {
        if (failed) return;
        if (!upload?.done)
          return failWith(
            fail('InvalidArgument', 'POST requires exactly one file upload per request.', {
              ArgumentName: 'file',
            }),
          );
        resolve({ fields, filename: upload.filename, file: Buffer.concat(upload.chunks) });
      });
      const bounds = {
        maxBytes: limits.maxObjectBytes + MAX_POST_FIELDS_BYTES * 2,
        idleMs: limits.bodyIdleMs,
      };
      receiveBody(req, bounds, (chunk) => {
        if (!failed) parser.write(chunk);
      }).then(
        () => parser.end(),
        (error: unknown) => {
          failWith(error);
          parser.destroy();
        },
      );
    });
  }

  /** A verified POST upload as a canonical multipart body: only the key, the object's headers and the file. */
  async function canonicalPost(
    req: IncomingMessage,
    upload: { fields: Map<string, string>; filename: string; file: Buffer },
  ): Promise<IncomingMessage> {
    const form = new FormData();
    // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's placeholder for the uploaded file's name
    form.append('key', (upload.fields.get('key') as string).replaceAll('${filename}', upload.filename));
    for (const [name, value] of upload.fields) if (STORED_POST_FIELDS.test(name)) form.append(name, value);
    form.append('file', new Blob([upload.file as Uint8Array<ArrayBuffer>]), upload.filename || 'file');
    const encoded = new Response(form);
    const body = Buffer.from(await encoded.arrayBuffer());
    return replay(req, body, { ...req.headers, 'content-type': encoded.headers.get('content-type') ?? '' });
  }

  /** The conditional writes in progress, by object: each waits for the one before it. */
  const writing = new Map<string, Promise<unknown>>();

  /**
   * A PUT with `If-None-Match: *`, as S3 answers it: written only when no object has the key, else
   * 412. Writes of one key are taken in turn, so that of two at once the second finds the first.
   */
  function putIfAbsent(bucket: string, key: string, put: () => Promise<void>): Promise<void> {
    const id = `${bucket}/${key}`;
    const run = (writing.get(id) ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => {
        if (await (options.app.store as FilesystemStore).existsObject(bucket, key))
          throw fail(
            'PreconditionFailed',
            'At least one of the pre-conditions you specified did not hold',
            { Condition: 'If-None-Match' },
            412,
          );
        await put();
      });
    writing.set(id, run);
    return run.finally(() => {
      if (writing.get(id) === run) writing.delete(id);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, target: Target): Promise<void> {
    // A CORS preflight carries no credentials on S3 either: s3rver answers it from the bucket's rules.
    if (target.method === 'OPTIONS') return s3(req, res);
    const presigned = 'X-Amz-Algorithm' in target.query;
    if (req.headers.authorization !== undefined && presigned)
      throw fail(
        'InvalidArgument',
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified',
      );
    if ('Signature' in target.query || 'AWSAccessKeyId' in target.query)
      throw fail(
        'InvalidRequest',
        'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
      );
    if (req.headers.authorization !== undefined || presigned) {
      const payloadHash = presigned
        ? await verifyQuerySignature(req, target)
        : await verifyHeaderSignature(req, target);
      const body = await readBody(req, { maxBytes: limits.maxObjectBytes, idleMs: limits.bodyIdleMs });
      checkPayload(payloadHash, body);
      if (target.method === 'PUT' && target.key && header(req, 'if-none-match') === '*')
        return putIfAbsent(target.bucket as string, target.key, async () => {
          // Koa answers once the request is handled: the object is stored by then.
          await s3(replay(req, body), res);
        });
      return s3(replay(req, body), res);
    }
    const isUpload =
      target.method === 'POST' &&
      target.bucket !== undefined &&
      target.key === undefined &&
      Object.keys(target.query).length === 0 &&
      /^multipart\/form-data/i.test(header(req, 'content-type') ?? '');
    if (!isUpload) throw fail('AccessDenied', 'Access Denied');
    const upload = await receivePost(req, target.bucket as string);
    return s3(await canonicalPost(req, upload), res);
  }

  /** An S3 XML error, with the bucket's CORS headers so a browser can read it; closes a half-read request. */
  async function answer(
    req: IncomingMessage,
    res: ServerResponse,
    target: Target | undefined,
    error: unknown,
  ) {
    if (error instanceof BodyAborted) return req.socket.destroy();
    let s3error: S3Error;
    if (error instanceof S3Error) s3error = error;
    else if (error instanceof BodyTooLarge)
      s3error = fail('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
        MaxSizeAllowed: error.limit,
      });
    else if (error instanceof BodyTimedOut)
      s3error = fail(
        'RequestTimeout',
        'Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.',
      );
    else {
      console.error('S3 gateway failed', error);
      s3error = fail('InternalError', 'We encountered an internal error. Please try again.');
    }
    const headers: Record<string, string> = { 'content-type': 'application/xml' };
    const origin = header(req, 'origin');
    if (target?.bucket && origin) {
      await setCors(
        {
          store: options.app.store,
          params: { bucket: target.bucket },
          method: target.method,
          get: (name) => header(req, name.toLowerCase()) ?? '',
          set: (name, value) => {
            headers[name.toLowerCase()] = String(value);
          },
        },
        async () => {},
      ).catch(() => undefined);
    }
    // A body still arriving is not read any further: the connection closes after the answer.
    if (!req.complete) headers.connection = 'close';
    if (res.headersSent) return req.socket.destroy();
    res.writeHead(s3error.status, headers);
    res.end(target?.method === 'HEAD' ? undefined : s3error.toXML());
  }

  return createServer(serverTimeouts(limits), (req, res) => {
    let target: Target | undefined;
    try {
      target = targetOf(req);
    } catch (error) {
      void answer(req, res, undefined, error);
      return;
    }
    handle(req, res, target).catch((error: unknown) => answer(req, res, target, error));
  });
}
