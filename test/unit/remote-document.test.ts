import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDF } from '@libpdf/core';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { toResponse } from '../../functions/http.js';
import { LocalSigningKeys } from '../../shared/adapters/local/local-signing-keys.js';
import type { Identity } from '../../shared/identity/identity.js';
import type { DocumentSigner } from '../../shared/ports/signing.js';
import { signPdfRemotely } from '../../shared/signing/remote-document.js';

const USER: Identity = {
  sub: 'u-sekda',
  username: 'sekda',
  name: 'Ir. Wisnu Hadikusumo',
  email: 'sekda@example.go.id',
  role: 'sekda',
};
const dirs = [mkdtempSync(join(tmpdir(), 'remote-a-')), mkdtempSync(join(tmpdir(), 'remote-b-'))];
const [trusted, untrusted] = dirs.map((d) => new LocalSigningKeys(d)) as [LocalSigningKeys, LocalSigningKeys];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function blankPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  return doc.save();
}

/** What the API answers when the service returns what `service` makes of the PDF we send. */
async function answerFor(service: (sent: Uint8Array) => Promise<Uint8Array>) {
  const signer: DocumentSigner = { signDocument: (pdf) => service(pdf) };
  const error = await signPdfRemotely(await blankPdf(), {
    signer,
    user: USER,
    passphrase: 'benar',
    trustedRoots: async () => [trusted.rootCertificatePem],
    revocation: { ocsp: async () => undefined, crl: async () => undefined },
    visible: {
      box: { party: 0, page: 0, x: 40, y: 40, width: 220, height: 60 },
      name: USER.name,
      capacity: ['Sekretaris Daerah'],
      verificationUrl: 'https://kerjasama.example.go.id/verify/x',
    },
    reason: 'Penandatanganan',
    location: 'Semarang',
    signingTime: new Date(),
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  const response = toResponse(error, 'test');
  return { status: response.statusCode, en: JSON.parse(response.body as string).message.en as string };
}

const signedBy = (keys: LocalSigningKeys) => async (sent: Uint8Array) => {
  const pdf = await PDF.load(sent);
  const { bytes } = await pdf.sign({
    signer: await keys.signerFor(USER),
    subFilter: 'ETSI.CAdES.detached',
    level: 'B-B',
  });
  return bytes;
};

describe('what a document-level signing service returns is checked before it is kept', () => {
  it.each<[string, (sent: Uint8Array) => Promise<Uint8Array>, string]>([
    [
      'a document rewritten instead of appended to',
      async (sent) => (await PDFDocument.load(sent)).save({ useObjectStreams: false }),
      'the document we sent was changed, not appended to',
    ],
    [
      'an update without a signature',
      async (sent) => {
        const pdf = await PDF.load(sent);
        pdf.setTitle('changed');
        return pdf.save({ incremental: true });
      },
      '0 signatures were added instead of one',
    ],
    ['a signature by a certificate we do not trust', signedBy(untrusted), 'does not chain to a trusted root'],
    ['a signature without a trusted timestamp', signedBy(trusted), 'carries no valid, trusted timestamp'],
  ])('refuses %s with a 503, nothing stored', async (_case, service, says) => {
    const { status, en } = await answerFor(service);
    expect(status).toBe(503);
    expect(en).toContain('The signing service returned a document that cannot be kept');
    expect(en).toContain(says);
  });
});
