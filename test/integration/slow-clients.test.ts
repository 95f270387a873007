import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer, listen } from '../../infra/local/http-adapter.js';
import { type LocalS3, S3_CREDENTIALS, startS3 } from '../../infra/local/s3.js';

/** Short limits so a test can wait them out; the servers' defaults are 20 s. */
const LIMITS = { bodyIdleMs: 400, headersMs: 600, requestMs: 2500 };

interface Stalled {
  /** Everything the server wrote before it closed the connection. */
  answer: string;
  /** From the last byte sent to the connection closing. */
  ms: number;
}

/**
 * Sends `parts` over a raw connection, `gapMs` apart, then nothing more, and waits for the server
 * to answer and close (the test fails on its own timeout if it never does).
 */
function stall(base: string, parts: string[], gapMs = 0): Promise<Stalled> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let answer = '';
    let lastSent = 0;
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ answer, ms: Date.now() - lastSent }));
    socket.on('connect', async () => {
      for (const part of parts) {
        socket.write(part);
        lastSent = Date.now();
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);

describe('the API server answers and drops clients that stop sending', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createApiServer({
      routes: [],
      verify: async () => undefined,
      localRoutes: [
        {
          method: 'POST',
          path: '/api/echo',
          public: true,
          handle: async (event) => ({ statusCode: 200, body: event.body ?? '' }),
        },
      ],
      limits: LIMITS,
    });
    base = await listen(server, 0);
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('answers 408 to a body that stops halfway, within the idle time, and keeps serving others', async () => {
    const stalled = stall(base, [
      'POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"half":',
    ]);
    await new Promise((r) => setTimeout(r, 100));
    const other = await fetch(`${base}/api/echo`, { method: 'POST', body: '{"whole":true}' });
    expect([other.status, await other.text()]).toEqual([200, '{"whole":true}']);
    const { answer, ms } = await stalled;
    expect(statusOf(answer)).toBe(408);
    expect(answer).toMatch(/connection: close/i);
    expect(ms).toBeGreaterThanOrEqual(LIMITS.bodyIdleMs - 50);
    expect(ms).toBeLessThan(LIMITS.bodyIdleMs + 1000);
  });

  it('closes a connection whose headers never end, and one that trickles its body past the request time', async () => {
    const headers = await stall(base, ['POST /api/echo HTTP/1.1\r\nHost: x\r\n']);
    expect(statusOf(headers.answer)).toBe(408);
    expect(headers.ms).toBeLessThan(LIMITS.headersMs + 1000);
    const started = Date.now();
    const trickle = await stall(
      base,
      [
        'POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n',
        ...Array.from({ length: 100 }, () => 'x'),
      ],
      100,
    );
    expect(Date.now() - started).toBeLessThan(LIMITS.requestMs + 1500);
    expect(statusOf(trickle.answer)).toBe(408);
    const other = await fetch(`${base}/api/echo`, { method: 'POST', body: 'still here' });
    expect(other.status).toBe(200);
  });
});

describe('the embedded S3 answers and drops clients that stop sending', () => {
  const dir = mkdtempSync(join(tmpdir(), 's3-slow-'));
  let s3: LocalS3;
  let client: S3Client;
  const KEY = 'incoming/01ABC/stalled.pdf';

  beforeAll(async () => {
    s3 = await startS3({ directory: dir, buckets: ['incoming'], region: 'ap-southeast-3', limits: LIMITS });
    client = new S3Client({
      endpoint: s3.endpoint,
      region: 'ap-southeast-3',
      credentials: S3_CREDENTIALS,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    await client.send(new PutObjectCommand({ Bucket: 'incoming', Key: KEY, Body: 'before' }));
  });
  afterAll(async () => {
    client.destroy();
    await s3.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('times out a presigned upload that stops halfway, keeps the object as it was, and serves others meanwhile', async () => {
    const url = new URL(
      await getSignedUrl(client, new PutObjectCommand({ Bucket: 'incoming', Key: KEY }), { expiresIn: 60 }),
    );
    const stalled = stall(s3.endpoint, [
      `PUT ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Length: 100\r\n\r\n%PDF-1.7 half`,
    ]);
    await new Promise((r) => setTimeout(r, 100));
    const read = await client.send(new GetObjectCommand({ Bucket: 'incoming', Key: KEY }));
    expect(await read.Body?.transformToString()).toBe('before');
    const { answer, ms } = await stalled;
    expect(statusOf(answer)).toBe(400);
    expect(answer).toContain('<Code>RequestTimeout</Code>');
    expect(ms).toBeLessThan(LIMITS.bodyIdleMs + 1000);
    const after = await client.send(new GetObjectCommand({ Bucket: 'incoming', Key: KEY }));
    expect(await after.Body?.transformToString()).toBe('before');
  });

  it('times out a POST upload that stops inside its file, and stores nothing', async () => {
    const key = 'incoming/01ABC/posted.pdf';
    const post = await createPresignedPost(client, { Bucket: 'incoming', Key: key, Expires: 60 });
    const form = new FormData();
    for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
    form.append('file', new Blob(['%PDF-1.7 a whole file']), 'scan.pdf');
    const encoded = new Response(form);
    const body = Buffer.from(await encoded.arrayBuffer()).toString('latin1');
    const { pathname, host } = new URL(post.url);
    const { answer } = await stall(s3.endpoint, [
      `POST ${pathname} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: ${encoded.headers.get('content-type')}\r\nContent-Length: ${body.length}\r\n\r\n`,
      body.slice(0, body.indexOf('a whole')),
    ]);
    expect(answer).toContain('<Code>RequestTimeout</Code>');
    await expect(client.send(new HeadObjectCommand({ Bucket: 'incoming', Key: key }))).rejects.toMatchObject({
      name: 'NotFound',
    });
  });

  it('closes a connection whose headers never end', async () => {
    const { answer, ms } = await stall(s3.endpoint, ['PUT /incoming/x HTTP/1.1\r\nHost: x\r\n']);
    expect(statusOf(answer)).toBe(408);
    expect(ms).toBeLessThan(LIMITS.headersMs + 1000);
  });
});
