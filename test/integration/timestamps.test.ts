import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LocalTimestampAuthority } from '../../shared/adapters/local/local-timestamp-authority.js';
import { contentsDer } from '../../shared/signing/verify.js';
import { pdfsig } from '../support/pdfsig.js';
import { faultyTsa, type TestTsa } from '../support/tsa-servers.js';
import { apiAs } from './support/api.js';
import { journey } from './support/journey.js';
import { useEmbeddedStack } from './support/stack.js';
import { stored as kept } from './support/stored.js';

const stack = useEmbeddedStack();
const { rootPem, signedFiles, download } = kept(stack);
const as = (username: string) => apiAs(stack, username);
const { atSigning } = journey(stack);
const work = mkdtempSync(join(tmpdir(), 'tsa-it-'));

let local: LocalTimestampAuthority;
const servers: TestTsa[] = [];
beforeAll(() => {
  local = new LocalTimestampAuthority(stack.env.LOCAL_CA_DIR as string);
});
afterEach(() => {
  // Each test points signing at its own TSA; the next one starts from the stack's own.
  process.env.TSA_URLS = stack.env.TSA_URLS;
  delete process.env.TSA_TIMEOUT_MS;
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(work, { recursive: true, force: true });
});
const start = async (server: Promise<TestTsa>) => {
  const started = await server;
  servers.push(started);
  return started;
};

/** The agreement as stored: its presigned links (new on each read) left out. */
const stored = async (id: string) =>
  JSON.parse(
    JSON.stringify((await as('gubernur')('GET', `/api/agreements/${id}`)).json, (key, value) =>
      key === 'links' ? undefined : value,
    ),
  );

const sign = (id: string) => as('gubernur')('POST', `/api/agreements/${id}/sign`, { version: 1 });

describe('trusted time for signatures on the embedded stack', () => {
  it('serves RFC 3161 at POST /tsa, and refuses what is not a timestamp query', async () => {
    const wrongType = await fetch(`${stack.baseUrl}/tsa`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(wrongType.status).toBe(415);
    expect((await wrongType.json()).message.en).toContain('application/timestamp-query');
    const query = spawnSync('openssl', ['ts', '-query', '-data', '-', '-sha256', '-cert'], {
      input: 'agreement',
    });
    const answered = await fetch(`${stack.baseUrl}/tsa`, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: query.stdout,
    });
    expect(answered.status).toBe(200);
    expect(answered.headers.get('content-type')).toBe('application/timestamp-reply');
    writeFileSync(join(work, 'reply.tsr'), Buffer.from(await answered.arrayBuffer()));
    writeFileSync(join(work, 'root.pem'), rootPem());
    writeFileSync(join(work, 'tsa.pem'), local.certificatePem);
    writeFileSync(join(work, 'data.txt'), 'agreement');
    const verified = spawnSync(
      'openssl',
      ['ts', '-verify', '-in', join(work, 'reply.tsr'), '-data', join(work, 'data.txt')].concat([
        '-CAfile',
        join(work, 'root.pem'),
        '-untrusted',
        join(work, 'tsa.pem'),
      ]),
      { encoding: 'utf8' },
    );
    expect(verified.stdout).toContain('Verification: OK');
  });

  it('dates the signature by the stack’s TSA: pdfsig trusts it, openssl reads the timestamp, /api/verify proves the time', async () => {
    const id = await atSigning('pks');
    const before = Date.now();
    const signed = await sign(id);
    expect(signed.status, JSON.stringify(signed.json)).toBe(200);
    const pdf = await download(signed.json.signedDocument.key);
    // Its validation data (B-LT) follows the signature: pdfsig no longer says it covers the whole file.
    expect(await pdfsig(pdf, rootPem())).toMatchObject([
      { valid: true, trusted: true, wholeDocument: false },
    ]);
    const [, hex] = /\/Contents\s*<([0-9a-fA-F]+)>/.exec(Buffer.from(pdf).toString('latin1')) ?? [];
    const cms = contentsDer(Buffer.from(hex as string, 'hex'));
    writeFileSync(join(work, 'sig.der'), cms);
    const printed = spawnSync(
      'openssl',
      ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', join(work, 'sig.der')],
      {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      },
    ).stdout;
    expect(printed).toContain('id-smime-aa-timeStampToken');
    const info = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(cms).content })
      .signerInfos[0] as pkijs.SignerInfo;
    writeFileSync(join(work, 'value.bin'), info.signature.valueBlock.valueHexView);
    writeFileSync(
      join(work, 'token.der'),
      new Uint8Array(info.unsignedAttrs?.attributes[0]?.values[0]?.toBER() as ArrayBuffer),
    );
    writeFileSync(join(work, 'root.pem'), rootPem());
    writeFileSync(join(work, 'tsa.pem'), local.certificatePem);
    const verified = spawnSync(
      'openssl',
      ['ts', '-verify', '-token_in', '-in', join(work, 'token.der'), '-data', join(work, 'value.bin')].concat(
        ['-CAfile', join(work, 'root.pem'), '-untrusted', join(work, 'tsa.pem')],
      ),
      { encoding: 'utf8' },
    );
    expect(verified.stdout).toContain('Verification: OK');

    const report = await fetch(`${stack.baseUrl}/api/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: Buffer.from(pdf),
    });
    const [signature] = (await report.json()).signatures;
    expect(signature).toMatchObject({
      valid: true,
      trusted: true,
      timestamp: { authority: 'Kerja Sama Local Timestamp Authority', valid: true, trusted: true },
    });
    const proven = Date.parse(signature.provenTime);
    expect(proven).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(proven).toBeLessThanOrEqual(Date.now());
  });

  const faults: [string, () => Promise<TestTsa>, string, string][] = [
    ['times out', () => faultyTsa.silent(), 'did not answer within 0.5 s', 'tidak menjawab dalam 0.5 detik'],
    [
      'answers with a rejection',
      () => faultyTsa.rejecting(local),
      'refused the request (rejection, badAlg',
      'menolak permintaan (rejection, badAlg',
    ],
    [
      'answers with a token for another hash',
      () => faultyTsa.otherHash(local),
      'gave a token for another hash',
      'memberi token untuk hash lain',
    ],
  ];

  it.each(faults)(
    'refuses to sign when the only TSA %s: 503 with the reason, nothing stored, the step open',
    async (_, make, en, id_) => {
      const id = await atSigning('pks');
      const tsa = await start(make());
      process.env.TSA_URLS = tsa.url;
      process.env.TSA_TIMEOUT_MS = '500';
      const agreementBefore = await stored(id);

      const refused = await sign(id);
      expect(refused.status).toBe(503);
      expect(refused.res.headers.get('retry-after')).toBe('5');
      expect(refused.json.error).toBe('unavailable');
      expect(refused.json.message.en).toContain(`${tsa.url}: ${en}`);
      expect(refused.json.message.en).toContain('Nothing was saved and the signing step stays open');
      expect(refused.json.message.id).toContain(`${tsa.url}: ${id_}`);
      expect(tsa.requests()).toBe(1);

      expect(await signedFiles(id)).toEqual([]);
      expect(await stored(id)).toEqual(agreementBefore);
      const inbox = await as('gubernur')('GET', '/api/inbox');
      expect(inbox.json.items.find((i: { agreementId: string }) => i.agreementId === id)).toBeDefined();

      // With a working TSA again, the same step signs.
      process.env.TSA_URLS = stack.env.TSA_URLS;
      const signed = await sign(id);
      expect(signed.status, JSON.stringify(signed.json)).toBe(200);
      expect(await signedFiles(id)).toEqual([signed.json.signedDocument.key]);
    },
  );

  it('asks the configured TSAs in order: an unreachable first, then the stack’s own', async () => {
    const id = await atSigning('pks');
    const gone = await start(faultyTsa.working(local));
    await gone.close();
    const unused = await start(faultyTsa.working(local));
    process.env.TSA_URLS = `${gone.url}, ${stack.env.TSA_URLS}, ${unused.url}`;
    const signed = await sign(id);
    expect(signed.status, JSON.stringify(signed.json)).toBe(200);
    expect(unused.requests()).toBe(0);
    const pdf = await download(signed.json.signedDocument.key);
    expect(await pdfsig(pdf, rootPem())).toMatchObject([{ valid: true, trusted: true }]);
  });
});
