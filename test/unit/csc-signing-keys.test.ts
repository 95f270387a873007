import { constants, privateEncrypt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDF } from '@libpdf/core';
import { PDFDocument } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toResponse } from '../../functions/http.js';
import type { Credential } from '../../shared/adapters/local/certificate-authority.js';
import { LocalSigningKeys } from '../../shared/adapters/local/local-signing-keys.js';
import { CscSigningKeys } from '../../shared/adapters/remote/csc-signing-keys.js';
import type { Identity } from '../../shared/identity/identity.js';
import { pemToDer } from '../../shared/signing/pem.js';
import { verifyPdfSignatures } from '../../shared/signing/verify.js';
import { type JsonServer, jsonServer, type Received, type Reply } from '../support/json-server.js';
import { pdfsig } from '../support/pdfsig.js';

interface Exchange {
  path: string;
  auth: 'basic' | 'bearer';
  request: unknown;
  response: { status: number; body: unknown };
}
const recorded = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/csc/sign-hash.json'), 'utf8'),
) as {
  exchanges: Exchange[];
  wrongPin: { path: string; response: { status: number; body: unknown } };
};

const USER: Identity = {
  sub: 'u-kepala-daerah',
  username: 'gubernur',
  name: 'Drs. Bramantyo Adiwinata',
  email: 'gubernur@example.go.id',
  role: 'kepala_daerah',
};
const NIK = '3374010112650003';
/** DER of DigestInfo { sha256, NULL } before the 32 hash bytes (RFC 8017 §9.2). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

const dir = mkdtempSync(join(tmpdir(), 'csc-'));
let credential: Credential;
let rootPem: string;
let server: JsonServer | undefined;
beforeAll(() => {
  const keys = new LocalSigningKeys(dir);
  credential = keys.authority.credential({
    id: USER.sub,
    name: USER.name,
    email: USER.email,
    title: 'Gubernur',
  });
  rootPem = keys.rootCertificatePem;
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base64 = (pem: string) => Buffer.from(pemToDer(pem)).toString('base64');

/** The recorded value with the run's certificates, hash and signature in place of their placeholders. */
function filled(value: unknown, hash: string | undefined): unknown {
  const text = JSON.stringify(value)
    .replaceAll('"<signer>"', JSON.stringify(base64(credential.certificatePem)))
    .replaceAll('"<root>"', JSON.stringify(base64(rootPem)));
  if (!hash) return JSON.parse(text);
  const signature = privateEncrypt(
    { key: credential.privateKeyPem, padding: constants.RSA_PKCS1_PADDING },
    Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(hash, 'base64')]),
  ).toString('base64');
  return JSON.parse(
    text.replaceAll('"<hash>"', JSON.stringify(hash)).replaceAll('"<signature>"', JSON.stringify(signature)),
  );
}

/** A CSC service that replays the recorded exchanges (each answered by path), with `override` first. */
async function cscService(override?: { path: string; response: Reply }): Promise<CscSigningKeys> {
  server = await jsonServer((request: Received) => {
    if (override && request.path === override.path) return override.response;
    const exchange = recorded.exchanges.find((e) => e.path === request.path);
    if (!exchange)
      return { status: 404, body: { error: 'invalid_request', error_description: 'no such method' } };
    const hash = (request.body as { hashes?: string[] }).hashes?.[0];
    return filled(exchange.response, hash) as Reply;
  });
  return new CscSigningKeys({
    url: `${server.url}/csc/v2`,
    clientId: 'kerjasama',
    clientSecret: 's3cret',
    timeoutMs: 5000,
    userIdOf: async (user) => (user.sub === USER.sub ? NIK : undefined),
  });
}

async function blankPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  return doc.save();
}

describe('Cloud Signature Consortium API v2 signer', () => {
  it('sends exactly the recorded requests, and its signature over the hash holds (our verifier and pdfsig)', async () => {
    const keys = await cscService();
    const signer = await keys.signerFor(USER, { passphrase: '12345678' });
    const pdf = await PDF.load(await blankPdf());
    const { bytes } = await pdf.sign({
      signer,
      fieldName: 'region-1',
      subFilter: 'ETSI.CAdES.detached',
      level: 'B-B',
    });

    const received = server?.received ?? [];
    expect(received.map((r) => r.path)).toEqual(recorded.exchanges.map((e) => e.path));
    const hash = ((received[3] as Received).body as { hashes: string[] }).hashes[0] as string;
    expect(Buffer.from(hash, 'base64')).toHaveLength(32);
    for (const [i, exchange] of recorded.exchanges.entries()) {
      const request = received[i] as Received;
      expect(request.method).toBe('POST');
      expect(request.body, exchange.path).toEqual(filled(exchange.request, hash));
      expect(request.headers.authorization).toBe(
        exchange.auth === 'basic'
          ? `Basic ${Buffer.from('kerjasama:s3cret').toString('base64')}`
          : 'Bearer 4/CKN69L8gdSYp5_pwH3XlFQZ3ndFhkXf9P2_TiHRG-bA',
      );
    }
    const [check] = await verifyPdfSignatures(bytes, [rootPem]);
    expect(check).toMatchObject({
      signer: USER.name,
      valid: true,
      trusted: true,
      signingCertificateV2: true,
    });
    expect(await pdfsig(bytes, rootPem)).toMatchObject([{ signer: USER.name, valid: true, trusted: true }]);
    // Only the hash left us: no request carries the document.
    const pdfBase64 = Buffer.from(bytes).toString('base64').slice(0, 64);
    expect(JSON.stringify(received.map((r) => r.body))).not.toContain(pdfBase64);
  });

  it('maps a PIN the service refuses to a 400 naming passphrase, and signs nothing', async () => {
    const keys = await cscService({ path: recorded.wrongPin.path, response: recorded.wrongPin.response });
    const signer = await keys.signerFor(USER, { passphrase: '00000000' });
    const pdf = await PDF.load(await blankPdf());
    const error = await pdf
      .sign({ signer, fieldName: 'region-1', subFilter: 'ETSI.CAdES.detached', level: 'B-B' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const response = toResponse(error, 'test');
    expect(response.statusCode).toBe(400);
    const body = JSON.parse(response.body as string);
    expect(body.issues[0]).toMatchObject({ path: 'passphrase' });
    expect(body.issues[0].message.en).toBe(
      'the service refused the passphrase (invalid_request: Invalid PIN); nothing was signed',
    );
    expect(server?.received.map((r) => r.path)).not.toContain('/csc/v2/signatures/signHash');
  });

  it('answers a service that refuses our client credentials, or has no credential for the NIK, as it should', async () => {
    const refused = await cscService({
      path: '/csc/v2/auth/login',
      response: { status: 401, body: { error: 'invalid_client' } },
    });
    const login = toResponse(
      await refused.signerFor(USER, { passphrase: '1' }).catch((e: unknown) => e),
      'test',
    );
    expect(login.statusCode).toBe(503);
    await server?.close();
    const none = await cscService({
      path: '/csc/v2/credentials/list',
      response: { status: 200, body: { credentialIDs: [] } },
    });
    const empty = toResponse(
      await none.signerFor(USER, { passphrase: '1' }).catch((e: unknown) => e),
      'test',
    );
    expect(empty.statusCode).toBe(403);
    expect(JSON.parse(empty.body as string).message.en).toBe(
      `The CSC service holds no valid credential for NIK ${NIK}`,
    );
  });
});
