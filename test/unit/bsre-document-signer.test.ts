import { afterEach, describe, expect, it } from 'vitest';
import { toResponse } from '../../functions/http.js';
import { BsreDocumentSigner } from '../../shared/adapters/remote/bsre-document-signer.js';
import type { Identity } from '../../shared/identity/identity.js';
import { type JsonServer, jsonServer, type Reply } from '../support/json-server.js';

const USER: Identity = {
  sub: 'u-kepala-daerah',
  username: 'gubernur',
  name: 'Drs. Bramantyo Adiwinata',
  email: 'gubernur@example.go.id',
  role: 'kepala_daerah',
};
const NIK = '3374010112650003';
const PDF_IN = Buffer.from('%PDF-1.7\n% the document sent\n%%EOF\n');
const PDF_OUT = Buffer.from('%PDF-1.7\n% the document sent\n%%EOF\n% signed\n%%EOF\n');
const REQUEST = {
  user: USER,
  passphrase: 'rahasia-benar',
  reason: 'Penandatanganan PKS',
  location: 'DISDIK',
};

let server: JsonServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A BSrE answering sign/pdf and check/status as given. */
async function bsre(sign: Reply, status: Reply = { status: 200, body: { status: 'ISSUE' } }) {
  server = await jsonServer((request) => (request.path.endsWith('/sign/pdf') ? sign : status));
  return new BsreDocumentSigner({
    url: `${server.url}/`,
    clientId: 'kerjasama',
    clientSecret: 's3cret',
    timeoutMs: 1000,
    nikOf: async (user) => (user.sub === USER.sub ? NIK : undefined),
  });
}

/** What the API would answer for the adapter's error. */
async function answered(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  const response = toResponse(error, 'test');
  return { status: response.statusCode, body: JSON.parse(response.body as string) };
}

describe('BSrE Esign Client Service API v2 adapter', () => {
  it('POSTs the NIK, passphrase, an invisible signature and the PDF with HTTP basic, and returns the signed PDF', async () => {
    const signer = await bsre({ status: 200, body: { file: [PDF_OUT.toString('base64')], time: 812 } });
    const signed = await signer.signDocument(PDF_IN, REQUEST);
    expect(Buffer.from(signed).equals(PDF_OUT)).toBe(true);
    expect(server?.received).toHaveLength(1);
    const [request] = server?.received ?? [];
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/api/v2/sign/pdf');
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from('kerjasama:s3cret').toString('base64')}`,
    );
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      nik: NIK,
      passphrase: 'rahasia-benar',
      signatureProperties: [{ tampilan: 'INVISIBLE', location: 'DISDIK', reason: 'Penandatanganan PKS' }],
      file: [PDF_IN.toString('base64')],
    });
  });

  it('maps a wrong passphrase (status_code 2031) to a 400 naming passphrase, in both languages', async () => {
    const signer = await bsre({
      status: 400,
      body: { status_code: 2031, error: 'Passphrase anda salah !!!' },
    });
    const { status, body } = await answered(signer.signDocument(PDF_IN, REQUEST));
    expect(status).toBe(400);
    expect(body.issues).toEqual([
      {
        path: 'passphrase',
        message: {
          id: 'passphrase salah (BSrE: Passphrase anda salah !!!); tidak ada yang ditandatangani',
          en: 'the passphrase is wrong (BSrE: Passphrase anda salah !!!); nothing was signed',
        },
      },
    ]);
    expect(JSON.stringify(body)).not.toContain('rahasia-benar');
  });

  it('asks check/status why else it refused: a NIK without an active certificate is a 409 naming it', async () => {
    const signer = await bsre(
      { status: 400, body: { status_code: 2021, error: 'NIK tidak terdaftar' } },
      {
        status: 200,
        body: { status_code: 1110, status: 'NOT_REGISTERED', message: 'Pengguna tidak terdaftar' },
      },
    );
    const { status, body } = await answered(signer.signDocument(PDF_IN, REQUEST));
    expect(status).toBe(409);
    expect(body.message.en).toBe(
      `NIK ${NIK} holds no active certificate at BSrE (NOT_REGISTERED: Pengguna tidak terdaftar); ask BSrE's registration officer`,
    );
    expect(server?.received.map((r) => [r.path, r.body])).toEqual([
      ['/api/v2/sign/pdf', expect.objectContaining({ nik: NIK })],
      ['/api/v2/user/check/status', { nik: NIK }],
    ]);
  });

  it('relays another refusal of an active certificate as a 409 with BSrE’s words and code', async () => {
    const signer = await bsre({ status: 400, body: { status_code: 2040, error: 'Dokumen tidak valid' } });
    const { status, body } = await answered(signer.signDocument(PDF_IN, REQUEST));
    expect(status).toBe(409);
    expect(body.message).toEqual({
      id: 'BSrE menolak menandatangani: Dokumen tidak valid (2040)',
      en: 'BSrE refused to sign: Dokumen tidak valid (2040)',
    });
  });

  it.each<[string, Reply, string]>([
    [
      'our client credentials refused',
      { status: 401, body: { error: 'Unauthorized' } },
      "refused this application's client credentials (HTTP 401); an administrator must check them",
    ],
    ['a server error', { status: 500, body: { error: 'Internal' } }, 'answered HTTP 500'],
    ['an answer that is not JSON', { status: 502, body: '<html>Bad gateway</html>' }, 'answered HTTP 502'],
    [
      'an answer without a PDF',
      { status: 200, body: { file: [Buffer.from('not a pdf').toString('base64')] } },
      'returned no PDF',
    ],
    ['no answer in time', 'never', 'did not answer within 1 s'],
  ])('answers %s with 503, nothing for the signer to fix', async (_case, reply, says) => {
    const signer = await bsre(reply);
    const { status, body } = await answered(signer.signDocument(PDF_IN, REQUEST));
    expect(status).toBe(503);
    expect(body.message.en).toBe(`BSrE ${says}; try again later`);
  });

  it('answers a service that cannot be reached with 503', async () => {
    const signer = await bsre({ status: 200, body: {} });
    await server?.close();
    const { status, body } = await answered(signer.signDocument(PDF_IN, REQUEST));
    expect(status).toBe(503);
    expect(body.message.en).toBe('BSrE cannot be reached; try again later');
  });

  it('refuses a user without a NIK with a 403 before calling BSrE', async () => {
    const signer = await bsre({ status: 200, body: {} });
    const { status, body } = await answered(
      signer.signDocument(PDF_IN, { ...REQUEST, user: { ...USER, sub: 'u-other' } }),
    );
    expect(status).toBe(403);
    expect(body.message.en).toBe('No NIK is set for this user to sign with BSrE; ask an admin to set it');
    expect(server?.received).toHaveLength(0);
  });
});
