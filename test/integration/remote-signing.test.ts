import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRevocationFetcher } from '../../shared/adapters/http-revocation.js';
import { BsreDocumentSigner } from '../../shared/adapters/remote/bsre-document-signer.js';
import { ValidationError } from '../../shared/errors.js';
import { signPdfRemotely } from '../../shared/signing/remote-document.js';
import { pdfsig } from '../support/pdfsig.js';
import { apiAs } from './support/api.js';
import { journey } from './support/journey.js';
import { useEmbeddedStack } from './support/stack.js';
import { stored } from './support/stored.js';

const stack = useEmbeddedStack();
const { rootPem, signedFiles, download } = stored(stack);
const as = (username: string) => apiAs(stack, username);
const { atSigning } = journey(stack);

/** The demo passphrases of infra/local/seed/demo-region.json (fictional). */
const GUBERNUR = { nik: '3374010112650003', passphrase: 'Gubernur#Demo2026' };
const SEKDA = { nik: '3374013007680002', passphrase: 'Sekda#Demo2026' };
const WRONG = 'Salah#Tebakan-77';

/** Everything the process printed (Powertools logs, errors) while the tests ran. */
let printed = '';
const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
beforeAll(() => {
  process.env.SIGNING_TRANSPORT = 'bsre';
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      printed += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      return original(chunk, ...rest);
    }) as typeof stream.write;
  }
});
afterAll(() => {
  process.stdout.write = writes.stdout;
  process.stderr.write = writes.stderr;
  delete process.env.SIGNING_TRANSPORT;
});

const sign = (id: string, body: Record<string, unknown>) =>
  as('gubernur')('POST', `/api/agreements/${id}/sign`, { version: 1, ...body });

describe('remote signing through the embedded BSrE simulator (SIGNING_TRANSPORT=bsre)', () => {
  let signedId = '';

  it('tells the web app that signing asks for a passphrase, and shows the NIK', async () => {
    const me = await as('gubernur')('GET', '/api/me');
    expect(me.json).toMatchObject({ nik: GUBERNUR.nik, signing: { passphrase: true } });
  });

  it('asks for the passphrase, refuses a wrong one with nothing stored, then signs B-LT with the right one', async () => {
    const id = await atSigning('pks');
    const before = (await as('gubernur')('GET', `/api/agreements/${id}`)).json;

    const missing = await sign(id, {});
    expect(missing.status).toBe(400);
    expect(missing.json.issues[0]).toMatchObject({ path: 'passphrase' });
    expect(missing.json.issues[0].message.en).toContain('remote signing service');

    const wrong = await sign(id, { passphrase: WRONG });
    expect(wrong.status, JSON.stringify(wrong.json)).toBe(400);
    expect(wrong.json.issues[0].path).toBe('passphrase');
    expect(wrong.json.issues[0].message.en).toContain('the passphrase is wrong');
    expect(wrong.json.issues[0].message.id).toContain('passphrase salah');
    // Nothing stored, the step still open.
    expect(await signedFiles(id)).toEqual([]);
    const after = (await as('gubernur')('GET', `/api/agreements/${id}`)).json;
    expect(after.status).toBe(before.status);
    expect(after.workflow).toEqual(before.workflow);

    const right = await sign(id, { passphrase: GUBERNUR.passphrase });
    expect(right.status, JSON.stringify(right.json)).toBe(200);
    expect(right.json.signedDocument.signatures).toBe(1);
    const pdf = await download(right.json.signedDocument.key);
    // pdfsig, independently: valid and trusted, the demo head of region's local-CA certificate.
    expect(await pdfsig(pdf, rootPem())).toMatchObject([
      { signer: 'Drs. Bramantyo Adiwinata', valid: true, trusted: true, subFilter: 'ETSI.CAdES.detached' },
    ]);
    // Our report: BSrE's signature carries the local TSA's timestamp, and we added the DSS: B-LT.
    const report = await fetch(`${stack.baseUrl}/api/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: Buffer.from(pdf),
    });
    const [signature] = (await report.json()).signatures;
    expect(signature).toMatchObject({ kind: 'signature', indication: 'TOTAL_PASSED', level: 'B-LT' });
    expect(signature.changesAfter.kind).toBe('signatures');
    signedId = id;
  }, 180_000);

  it('keeps earlier signatures valid: a failed attempt on a signed PDF changes nothing, the next one adds a second', async () => {
    const key = (await signedFiles(signedId))[0] as string;
    const first = await download(key);
    const signer = new BsreDocumentSigner({
      url: stack.env.BSRE_URL as string,
      clientId: stack.env.BSRE_CLIENT_ID as string,
      clientSecret: stack.env.BSRE_CLIENT_SECRET as string,
      timeoutMs: 30_000,
      nikOf: async () => SEKDA.nik,
    });
    const sekda = {
      sub: 'u-sekda',
      username: 'sekda',
      name: 'Ir. Wisnu Hadikusumo, M.T.',
      email: 'sekda@example.go.id',
      role: 'sekda' as const,
    };
    const request = {
      signer,
      user: sekda,
      trustedRoots: async () => [rootPem()],
      revocation: httpRevocationFetcher,
      visible: {
        box: { party: 0, page: 0, x: 40, y: 40, width: 220, height: 60 },
        name: sekda.name,
        capacity: ['Sekretaris Daerah'],
        verificationUrl: `${stack.baseUrl}/verify/${signedId}`,
      },
      reason: 'Paraf',
      location: 'Semarang',
      signingTime: new Date(),
    };
    await expect(signPdfRemotely(first, { ...request, passphrase: WRONG })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const second = await signPdfRemotely(first, { ...request, passphrase: SEKDA.passphrase });
    expect(Buffer.from(second.subarray(0, first.byteLength)).equals(Buffer.from(first))).toBe(true);
    const checked = await pdfsig(second, rootPem());
    expect(checked).toHaveLength(2);
    expect(checked.every((s) => s.valid && s.trusted)).toBe(true);
    expect(checked.map((s) => s.signer)).toEqual(['Drs. Bramantyo Adiwinata', sekda.name]);
  }, 120_000);

  it('answers an NIK the service does not know with a 409 that says so', async () => {
    const admin = as('admin');
    const badNik = await admin('PATCH', '/api/admin/users/u-kepala-daerah', { nik: '33740101126500' });
    expect(badNik.status).toBe(400);
    expect(badNik.json.issues[0]).toMatchObject({ path: 'nik' });
    const unknown = await admin('PATCH', '/api/admin/users/u-kepala-daerah', { nik: '3374019999990001' });
    expect(unknown.status, JSON.stringify(unknown.json)).toBe(200);
    expect(unknown.json.nik).toBe('3374019999990001');
    try {
      const id = await atSigning('pks');
      const refused = await sign(id, { passphrase: GUBERNUR.passphrase });
      expect(refused.status, JSON.stringify(refused.json)).toBe(409);
      expect(refused.json.message.en).toContain('NIK 3374019999990001 holds no active certificate at BSrE');
      expect(refused.json.message.id).toContain('tidak memiliki sertifikat aktif');
      expect(await signedFiles(id)).toEqual([]);
    } finally {
      const back = await admin('PATCH', '/api/admin/users/u-kepala-daerah', { nik: GUBERNUR.nik });
      expect(back.status).toBe(200);
    }
  }, 120_000);

  it('never logs nor stores a passphrase, even when the service fails and the failure is logged', async () => {
    // The simulator's TSA unreachable: BSrE answers a server error, we answer 503 and log why.
    const url = stack.env.PUBLIC_BASE_URL as string;
    stack.env.PUBLIC_BASE_URL = 'http://127.0.0.1:9';
    try {
      const id = await atSigning('pks');
      const down = await sign(id, { passphrase: GUBERNUR.passphrase });
      expect(down.status, JSON.stringify(down.json)).toBe(503);
      expect(down.json.message.en).toBe('BSrE answered HTTP 500; try again later');
      expect(await signedFiles(id)).toEqual([]);
    } finally {
      stack.env.PUBLIC_BASE_URL = url;
    }
    expect(printed).toContain('dependency unavailable');
    const items = await DynamoDBDocumentClient.from(new DynamoDBClient({})).send(
      new ScanCommand({ TableName: stack.env.TABLE_NAME }),
    );
    expect(items.Items?.length).toBeGreaterThan(0);
    const stored = JSON.stringify(items.Items);
    const simulator = readFileSync(
      join(stack.env.LOCAL_CA_DIR as string, '..', 'bsre', 'registry.json'),
      'utf8',
    );
    for (const secret of [GUBERNUR.passphrase, SEKDA.passphrase, WRONG]) {
      expect(printed).not.toContain(secret);
      expect(stored).not.toContain(secret);
      expect(simulator).not.toContain(secret);
    }
    // The simulator keeps scrypt hashes.
    expect(JSON.parse(simulator)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nik: GUBERNUR.nik, passphrase: expect.stringMatching(/^scrypt\$/) }),
      ]),
    );
  });
});
