import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { HttpRequest } from '@smithy/core/protocols';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { S3rverEvent } from 's3rver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalS3, S3_CREDENTIALS, startS3 } from '../../infra/local/s3.js';

const REGION = 'ap-southeast-3';
const BUCKET = 'incoming';
const OTHER = 'documents';
const ARCHIVED = 'archive/01ABC/original.pdf';
const ORIGINAL = '%PDF-1.7 the archived copy';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  code: string | undefined;
}

/** A raw HTTP request: exactly these headers and body, nothing added or normalised by a client. */
function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: text,
          code: /<Code>([^<]+)<\/Code>/.exec(text)?.[1],
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const sha256 = (body: string | Buffer) => createHash('sha256').update(body).digest('hex');

describe('the embedded S3 checks every request as S3 would', () => {
  const dir = mkdtempSync(join(tmpdir(), 's3-gateway-'));
  let s3: LocalS3;
  let client: S3Client;
  const events: S3rverEvent['Records'] = [];
  const clientFor = (credentials: { accessKeyId: string; secretAccessKey: string }, region = REGION) =>
    new S3Client({
      endpoint: s3.endpoint,
      region,
      credentials,
      forcePathStyle: true,
      maxAttempts: 1,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });

  const read = async (key: string, bucket = BUCKET) => {
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return { body: await out.Body?.transformToString(), type: out.ContentType };
  };
  const exists = (key: string, bucket = BUCKET) =>
    client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
      () => true,
      (e: { name?: string }) => (e.name === 'NotFound' ? false : Promise.reject(e)),
    );
  const eventsFor = (key: string) => events.filter((e) => e.s3.object.key === key).map((e) => e.eventName);
  /** Waits for the events s3rver emits after answering. */
  const settle = () => new Promise((r) => setTimeout(r, 50));

  beforeAll(async () => {
    s3 = await startS3({ directory: dir, buckets: [BUCKET, OTHER], region: REGION });
    s3.onObjectCreated(async (event) => {
      events.push(...event.Records);
    });
    client = clientFor(S3_CREDENTIALS);
  });
  afterAll(async () => {
    client.destroy();
    await s3.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: ARCHIVED, Body: ORIGINAL }));
    await settle();
    events.length = 0;
  });

  it('refuses every unsigned request, as a private bucket does, and the object stays as it was', async () => {
    const path = `/${BUCKET}/${ARCHIVED}`;
    const attempts: [string, string, Record<string, string>, string?][] = [
      ['PUT', path, { 'content-type': 'application/pdf' }, '%PDF-1.7 a forgery'],
      ['DELETE', path, {}],
      [
        'POST',
        `/${BUCKET}?delete`,
        { 'content-type': 'application/xml' },
        `<Delete><Object><Key>${ARCHIVED}</Key></Object></Delete>`,
      ],
      ['PUT', `/${BUCKET}/copy.pdf`, { 'x-amz-copy-source': `${BUCKET}/${ARCHIVED}` }],
      ['GET', path, {}],
      ['GET', `/${BUCKET}?list-type=2`, {}],
      ['PUT', `/${BUCKET}?cors`, {}, '<CORSConfiguration/>'],
      ['DELETE', `/${BUCKET}`, {}],
    ];
    for (const [method, target, headers, body] of attempts) {
      const reply = await send(s3.endpoint, method, target, headers, body);
      expect([reply.status, reply.code], `${method} ${target}`).toEqual([403, 'AccessDenied']);
    }
    expect(await read(ARCHIVED)).toMatchObject({ body: ORIGINAL });
    expect(await exists('copy.pdf')).toBe(false);
    await settle();
    expect(events).toEqual([]);
  });

  it('refuses the older signature version and two mechanisms at once', async () => {
    const v2 = await send(
      s3.endpoint,
      'PUT',
      `/${BUCKET}/${ARCHIVED}`,
      {
        authorization: 'AWS S3RVER:bm90IGEgc2lnbmF0dXJl',
        date: new Date().toUTCString(),
      },
      'x',
    );
    expect([v2.status, v2.code]).toEqual([400, 'InvalidRequest']);
    const query = await send(
      s3.endpoint,
      'GET',
      `/${BUCKET}/${ARCHIVED}?AWSAccessKeyId=S3RVER&Expires=9999999999&Signature=x`,
    );
    expect([query.status, query.code]).toEqual([400, 'InvalidRequest']);
    const url = new URL(await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: ARCHIVED })));
    const both = await send(s3.endpoint, 'GET', url.pathname + url.search, {
      authorization: 'AWS4-HMAC-SHA256 x',
    });
    expect([both.status, both.code]).toEqual([400, 'InvalidArgument']);
  });

  describe('requests signed in the Authorization header', () => {
    /** Signs a PUT of `body` to `key` as the SDK does, then lets a test change what is sent. */
    async function signedPut(
      key: string,
      body: string,
      options: {
        credentials?: { accessKeyId: string; secretAccessKey: string };
        region?: string;
        signingDate?: Date;
      } = {},
    ) {
      const url = new URL(`${s3.endpoint}/${BUCKET}/${key.split('/').map(encodeURIComponent).join('/')}`);
      const signer = new SignatureV4({
        credentials: options.credentials ?? S3_CREDENTIALS,
        region: options.region ?? REGION,
        service: 's3',
        sha256: Hash.bind(null, 'sha256'),
        uriEscapePath: false,
      });
      const signed = await signer.sign(
        new HttpRequest({
          method: 'PUT',
          hostname: url.hostname,
          port: Number(url.port),
          path: url.pathname,
          headers: {
            host: url.host,
            'content-type': 'application/pdf',
            'x-amz-content-sha256': sha256(body),
          },
        }),
        { signingDate: options.signingDate ?? new Date() },
      );
      return { path: url.pathname, headers: signed.headers as Record<string, string> };
    }

    it('stores a correctly signed PUT: the signature is computed, not merely present', async () => {
      const put = await signedPut(ARCHIVED, '%PDF-1.7 signed');
      const reply = await send(s3.endpoint, 'PUT', put.path, put.headers, '%PDF-1.7 signed');
      expect(reply.status).toBe(200);
      expect(await read(ARCHIVED)).toEqual({ body: '%PDF-1.7 signed', type: 'application/pdf' });
    });

    it('refuses a signature that is wrong, reused elsewhere, stale, or over another body', async () => {
      const forged = '%PDF-1.7 a forgery';
      const flip = (sig: string) =>
        sig.replace(/Signature=(.)/, (_, c: string) => `Signature=${c === '0' ? '1' : '0'}`);
      const cases: [string, () => Promise<Reply>, number, string][] = [
        [
          'another secret',
          async () => {
            const p = await signedPut(ARCHIVED, forged, {
              credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'guess' },
            });
            return send(s3.endpoint, 'PUT', p.path, p.headers, forged);
          },
          403,
          'SignatureDoesNotMatch',
        ],
        [
          'one character of the signature changed',
          async () => {
            const p = await signedPut(ARCHIVED, forged);
            return send(
              s3.endpoint,
              'PUT',
              p.path,
              { ...p.headers, authorization: flip(p.headers.authorization as string) },
              forged,
            );
          },
          403,
          'SignatureDoesNotMatch',
        ],
        [
          'signed for another key',
          async () => {
            const p = await signedPut('incoming/harmless.pdf', forged);
            return send(s3.endpoint, 'PUT', `/${BUCKET}/${ARCHIVED}`, p.headers, forged);
          },
          403,
          'SignatureDoesNotMatch',
        ],
        [
          'a signed header changed',
          async () => {
            const p = await signedPut(ARCHIVED, forged);
            return send(s3.endpoint, 'PUT', p.path, { ...p.headers, 'content-type': 'text/html' }, forged);
          },
          403,
          'SignatureDoesNotMatch',
        ],
        [
          'another body of the same length',
          async () => {
            const p = await signedPut(ARCHIVED, forged);
            return send(s3.endpoint, 'PUT', p.path, p.headers, forged.toUpperCase());
          },
          400,
          'XAmzContentSHA256Mismatch',
        ],
        [
          'an unknown access key',
          async () => {
            const p = await signedPut(ARCHIVED, forged, {
              credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'S3RVER' },
            });
            return send(s3.endpoint, 'PUT', p.path, p.headers, forged);
          },
          403,
          'InvalidAccessKeyId',
        ],
        [
          'signed 20 minutes ago',
          async () => {
            const p = await signedPut(ARCHIVED, forged, { signingDate: new Date(Date.now() - 20 * 60_000) });
            return send(s3.endpoint, 'PUT', p.path, p.headers, forged);
          },
          403,
          'RequestTimeTooSkewed',
        ],
        [
          'signed for another region',
          async () => {
            const p = await signedPut(ARCHIVED, forged, { region: 'us-east-1' });
            return send(s3.endpoint, 'PUT', p.path, p.headers, forged);
          },
          400,
          'AuthorizationHeaderMalformed',
        ],
        [
          'an unsigned x-amz header added',
          async () => {
            const p = await signedPut(ARCHIVED, forged);
            return send(s3.endpoint, 'PUT', p.path, { ...p.headers, 'x-amz-meta-note': 'added' }, forged);
          },
          403,
          'AccessDenied',
        ],
        [
          'no payload hash',
          async () => {
            const p = await signedPut(ARCHIVED, forged);
            const { 'x-amz-content-sha256': _, ...headers } = p.headers;
            return send(s3.endpoint, 'PUT', p.path, headers, forged);
          },
          400,
          'InvalidRequest',
        ],
      ];
      for (const [name, attempt, status, code] of cases) {
        const reply = await attempt();
        expect([reply.status, reply.code], name).toEqual([status, code]);
      }
      expect(await read(ARCHIVED)).toMatchObject({ body: ORIGINAL });
      await settle();
      expect(events).toEqual([]);
    });

    it('serves the SDK as before: put, get, list, copy and delete, keys with spaces and accents included', async () => {
      const key = 'activities/01ABC/laporan kegiatan (final) ü+!.pdf';
      await client.send(
        new PutObjectCommand({ Bucket: OTHER, Key: key, Body: 'report', ContentType: 'application/pdf' }),
      );
      expect(await read(key, OTHER)).toEqual({ body: 'report', type: 'application/pdf' });
      const listed = await client.send(new ListObjectsV2Command({ Bucket: OTHER, Prefix: 'activities/' }));
      expect(listed.Contents?.map((o) => o.Key)).toEqual([key]);
      await client.send(
        new CopyObjectCommand({ Bucket: OTHER, Key: 'copy.pdf', CopySource: `${BUCKET}/${ARCHIVED}` }),
      );
      expect(await read('copy.pdf', OTHER)).toMatchObject({ body: ORIGINAL });
      await client.send(new DeleteObjectCommand({ Bucket: OTHER, Key: key }));
      expect(await exists(key, OTHER)).toBe(false);
      await settle();
      expect(eventsFor(key)).toEqual(['ObjectCreated:Put']);
    });

    it('writes a PUT with If-None-Match once: of concurrent writers one wins, the others get 412 and the object stays its', async () => {
      const key = 'archive/01ABC/sealed.pdf';
      const attempts = await Promise.allSettled(
        ['first', 'second', 'third'].map((body) =>
          client.send(
            new PutObjectCommand({
              Bucket: OTHER,
              Key: key,
              Body: body,
              IfNoneMatch: '*',
              Metadata: { writer: body },
            }),
          ),
        ),
      );
      const won = attempts.flatMap((a, i) =>
        a.status === 'fulfilled' ? [['first', 'second', 'third'][i]] : [],
      );
      expect(won).toHaveLength(1);
      for (const a of attempts.filter((a) => a.status === 'rejected'))
        expect((a as PromiseRejectedResult).reason.$metadata.httpStatusCode).toBe(412);
      const stored = await client.send(new GetObjectCommand({ Bucket: OTHER, Key: key }));
      expect(await stored.Body?.transformToString()).toBe(won[0]);
      // Its own metadata, written with it.
      expect(stored.Metadata).toEqual({ writer: won[0] });
    });
  });

  describe('presigned URLs', () => {
    const presignedPut = (
      key: string,
      options: { length?: number; signingDate?: Date; expiresIn?: number } = {},
    ) =>
      getSignedUrl(
        client,
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: key,
          ContentType: 'application/pdf',
          ...(options.length ? { ContentLength: options.length } : {}),
        }),
        {
          expiresIn: options.expiresIn ?? 300,
          ...(options.signingDate ? { signingDate: options.signingDate } : {}),
        },
      );
    const put = (url: string, body: string, method = 'PUT') =>
      fetch(url, { method, body, headers: { 'content-type': 'application/pdf' } });

    it('upload and download as signed, and the upload raises the S3 event', async () => {
      const key = 'incoming/01ABC/upload-1.pdf';
      const uploaded = await put(await presignedPut(key, { length: 12 }), '%PDF-1.7 new');
      expect(uploaded.status).toBe(200);
      const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: key }), {
        expiresIn: 60,
      });
      const downloaded = await fetch(url);
      expect([downloaded.status, await downloaded.text()]).toEqual([200, '%PDF-1.7 new']);
      await settle();
      expect(eventsFor(key)).toEqual(['ObjectCreated:Put']);
    });

    it('refuse an expired link, and a link changed in any part or used for anything else', async () => {
      const forged = '%PDF-1.7 forged';
      const valid = new URL(await presignedPut(ARCHIVED, { length: forged.length }));
      const edit = (change: (u: URL) => void) => {
        const u = new URL(valid);
        change(u);
        return u.href;
      };
      const cases: [string, () => Promise<Response>, number, string][] = [
        [
          'expired a minute ago',
          async () =>
            put(await presignedPut(ARCHIVED, { signingDate: new Date(Date.now() - 6 * 60_000) }), forged),
          403,
          'AccessDenied',
        ],
        [
          'signature changed',
          async () =>
            put(
              edit((u) => u.searchParams.set('X-Amz-Signature', '0'.repeat(64))),
              forged,
            ),
          403,
          'SignatureDoesNotMatch',
        ],
        [
          'expiry extended',
          async () =>
            put(
              edit((u) => u.searchParams.set('X-Amz-Expires', '604800')),
              forged,
            ),
          403,
          'SignatureDoesNotMatch',
        ],
        [
          'another key',
          async () =>
            put(
              edit((u) => {
                u.pathname = `/${BUCKET}/archive/01ABC/other.pdf`;
              }),
              forged,
            ),
          403,
          'SignatureDoesNotMatch',
        ],
        [
          'another length than signed',
          async () => put(valid.href, `${forged} and more`),
          403,
          'SignatureDoesNotMatch',
        ],
        [
          'a download link used to upload',
          async () =>
            put(await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: ARCHIVED })), forged),
          403,
          'SignatureDoesNotMatch',
        ],
        [
          'an upload link used to delete',
          async () => fetch(valid.href, { method: 'DELETE' }),
          403,
          'SignatureDoesNotMatch',
        ],
        [
          'an expiry beyond a week',
          async () =>
            put(
              edit((u) => u.searchParams.set('X-Amz-Expires', '604801')),
              forged,
            ),
          400,
          'AuthorizationQueryParametersError',
        ],
      ];
      for (const [name, attempt, status, code] of cases) {
        const res = await attempt();
        const text = await res.text();
        expect([res.status, /<Code>([^<]+)</.exec(text)?.[1]], name).toEqual([status, code]);
      }
      expect(await read(ARCHIVED)).toMatchObject({ body: ORIGINAL });
      const expired = await put(
        await presignedPut(ARCHIVED, { signingDate: new Date(Date.now() - 6 * 60_000) }),
        forged,
      );
      expect(await expired.text()).toContain('Request has expired');
    });
  });

  describe('browser POST uploads with a signed policy', () => {
    const KEY = 'incoming/01ABC/upload-2.pdf';
    const policy = (
      options: {
        key?: string;
        bucket?: string;
        expires?: number;
        credentials?: { accessKeyId: string; secretAccessKey: string };
      } = {},
    ) =>
      createPresignedPost(options.credentials ? clientFor(options.credentials) : client, {
        Bucket: options.bucket ?? BUCKET,
        Key: options.key ?? KEY,
        Conditions: [
          ['content-length-range', 8, 64],
          ['eq', '$Content-Type', 'application/pdf'],
        ],
        Fields: { 'Content-Type': 'application/pdf' },
        Expires: options.expires ?? 300,
      });
    /** Posts the form as a browser does: the policy's fields, then the file last. */
    async function post(
      signed: { url: string; fields: Record<string, string> },
      file: string,
      change: (form: FormData) => void = () => {},
      url = signed.url,
    ) {
      const form = new FormData();
      for (const [name, value] of Object.entries(signed.fields)) form.append(name, value);
      change(form);
      form.append('file', new Blob([file], { type: 'application/pdf' }), 'scan.pdf');
      const res = await fetch(url, { method: 'POST', body: form });
      const text = await res.text();
      return { status: res.status, code: /<Code>([^<]+)</.exec(text)?.[1], text };
    }

    it('stores a file the policy allows, with the policy’s content type, and raises the S3 event', async () => {
      const reply = await post(await policy(), '%PDF-1.7 scan');
      expect(reply.status).toBe(204);
      expect(await read(KEY)).toEqual({ body: '%PDF-1.7 scan', type: 'application/pdf' });
      await settle();
      expect(eventsFor(KEY)).toEqual(['ObjectCreated:Post']);
      expect(events.find((e) => e.s3.object.key === KEY)?.s3.object.size).toBe(13);
    });

    it('fills in the file’s name where the key says so, and holds the key to the policy’s starts-with prefix', async () => {
      const signed = await createPresignedPost(client, {
        Bucket: BUCKET,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's placeholder for the uploaded file's name
        Key: 'incoming/01XYZ/${filename}',
        Conditions: [['starts-with', '$Content-Type', 'application/']],
        Fields: { 'Content-Type': 'application/pdf' },
        Expires: 60,
      });
      const outside = await post(signed, '%PDF-1.7 scan', (f) => f.set('key', 'archive/01XYZ/scan.pdf'));
      expect([outside.status, outside.code]).toEqual([403, 'AccessDenied']);
      expect(outside.text).toContain('starts-with');
      const wrongType = await post(signed, '%PDF-1.7 scan', (f) => f.set('Content-Type', 'text/html'));
      expect([wrongType.status, wrongType.code]).toEqual([403, 'AccessDenied']);
      expect((await post(signed, '%PDF-1.7 scan')).status).toBe(204);
      expect(await read('incoming/01XYZ/scan.pdf')).toEqual({
        body: '%PDF-1.7 scan',
        type: 'application/pdf',
      });
      expect(await exists('archive/01XYZ/scan.pdf')).toBe(false);
    });

    it('refuses a file outside the content-length range and stores nothing', async () => {
      const key = 'incoming/01ABC/upload-3.pdf';
      const large = await post(await policy({ key }), `%PDF-1.7 ${'x'.repeat(60)}`);
      expect([large.status, large.code]).toEqual([400, 'EntityTooLarge']);
      expect(large.text).toContain('<MaxSizeAllowed>64</MaxSizeAllowed>');
      // Answered as soon as the file passes the range, while the client is still sending.
      const huge = await post(await policy({ key }), `%PDF-1.7 ${'x'.repeat(20 * 1024 * 1024)}`);
      expect([huge.status, huge.code]).toEqual([400, 'EntityTooLarge']);
      const small = await post(await policy({ key }), '%PDF');
      expect([small.status, small.code]).toEqual([400, 'EntityTooSmall']);
      expect(await exists(key)).toBe(false);
      await settle();
      expect(eventsFor(key)).toEqual([]);
    });

    it('refuses a form that breaks any condition, a changed policy and an expired one, storing nothing', async () => {
      const key = 'incoming/01ABC/upload-4.pdf';
      const signed = await policy({ key });
      const file = '%PDF-1.7 scan';
      const raised = JSON.parse(Buffer.from(signed.fields.Policy as string, 'base64').toString()) as {
        conditions: unknown[];
      };
      raised.conditions[0] = ['content-length-range', 0, 10 ** 9];
      const cases: [
        string,
        () => Promise<{ status: number; code: string | undefined; text: string }>,
        number,
        string,
        RegExp?,
      ][] = [
        [
          'another content type',
          () => post(signed, file, (f) => f.set('Content-Type', 'text/html')),
          403,
          'AccessDenied',
          /Policy Condition failed/,
        ],
        [
          'another key',
          () => post(signed, file, (f) => f.set('key', ARCHIVED)),
          403,
          'AccessDenied',
          /Policy Condition failed/,
        ],
        [
          'a field the policy does not name',
          () => post(signed, file, (f) => f.append('x-amz-meta-origin', 'x')),
          403,
          'AccessDenied',
          /Extra input fields: x-amz-meta-origin/,
        ],
        [
          'another bucket',
          () => post(signed, file, () => {}, signed.url.replace(`/${BUCKET}`, `/${OTHER}`)),
          403,
          'AccessDenied',
          /Policy Condition failed/,
        ],
        [
          'the policy changed',
          () =>
            post(signed, file, (f) =>
              f.set('Policy', Buffer.from(JSON.stringify(raised)).toString('base64')),
            ),
          403,
          'SignatureDoesNotMatch',
        ],
        [
          'signed with another secret',
          async () =>
            post(
              await policy({ key, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'guess' } }),
              file,
            ),
          403,
          'SignatureDoesNotMatch',
        ],
        [
          'an expired policy',
          async () => post(await policy({ key, expires: -1 }), file),
          403,
          'AccessDenied',
          /Policy expired/,
        ],
        [
          'no signature',
          () => post(signed, file, (f) => f.delete('X-Amz-Signature')),
          400,
          'InvalidArgument',
        ],
        ['no policy at all', () => post({ url: signed.url, fields: { key } }, file), 403, 'AccessDenied'],
      ];
      for (const [name, attempt, status, code, message] of cases) {
        const reply = await attempt();
        expect([reply.status, reply.code], name).toEqual([status, code]);
        if (message) expect(reply.text, name).toMatch(message);
      }
      const fieldsOnly = new FormData();
      for (const [name, value] of Object.entries(signed.fields)) fieldsOnly.append(name, value);
      const noFile = await fetch(signed.url, { method: 'POST', body: fieldsOnly });
      expect(noFile.status).toBe(400);
      expect(await exists(key)).toBe(false);
      expect(await exists(key, OTHER)).toBe(false);
      expect(await read(ARCHIVED)).toMatchObject({ body: ORIGINAL });
      await settle();
      expect(events).toEqual([]);
    });
  });

  it('answers a refused browser request with the bucket’s CORS headers, so the page can read why', async () => {
    await client.send(
      new PutBucketCorsCommand({
        Bucket: OTHER,
        CORSConfiguration: {
          CORSRules: [
            { AllowedMethods: ['PUT', 'POST'], AllowedOrigins: ['*'], AllowedHeaders: ['content-type'] },
          ],
        },
      }),
    );
    const reply = await send(s3.endpoint, 'PUT', `/${OTHER}/x.pdf`, { origin: 'http://127.0.0.1:3000' }, 'x');
    expect([reply.status, reply.code, reply.headers['access-control-allow-origin']]).toEqual([
      403,
      'AccessDenied',
      '*',
    ]);
    const preflight = await send(s3.endpoint, 'OPTIONS', `/${OTHER}/x.pdf`, {
      origin: 'http://127.0.0.1:3000',
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type',
    });
    expect(preflight.status).toBe(200);
  });
});
