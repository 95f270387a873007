import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { KmsSigningKeys } from '../../shared/adapters/aws/kms-signing-keys.js';
import { Table } from '../../shared/adapters/aws/table.js';
import { httpRevocationFetcher } from '../../shared/adapters/http-revocation.js';
import { LocalTimestampAuthority } from '../../shared/adapters/local/local-timestamp-authority.js';
import { alteredAfterSigning } from '../../shared/archive/ingestion.js';
import { composeDocument } from '../../shared/documents/compose.js';
import { type RenderedPdf, renderPdf } from '../../shared/documents/pdf.js';
import { parseAgreementForm } from '../../shared/form/agreement-form.js';
import type { Identity } from '../../shared/identity/identity.js';
import type { Signer } from '../../shared/ports/signing.js';
import { signPdf } from '../../shared/signing/pades.js';
import { contentsDer, MAX_SIGNATURES, verifyPdfSignatures } from '../../shared/signing/verify.js';
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { inChild } from '../support/child-process.js';
import { afterSigning, decoyRanges, manySignatures } from '../support/hostile-pdfs.js';
import { localAuthority, localSigningKeys } from '../support/local-ca.js';
import { pdfsig } from '../support/pdfsig.js';
import { pdftotext } from '../support/poppler-text.js';
import { inkIn, rasterise } from '../support/raster.js';
import { sample } from '../support/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'ca-'));
const keys = localSigningKeys(dir);
const timestamps = new LocalTimestampAuthority(dir);
let rendered: RenderedPdf;

/** The documents' page height (A4), in points. */
const A4_HEIGHT = 841.89;

const user = (username: string) => DEMO_USERS.find((u) => u.username === username) as Identity;

beforeAll(async () => {
  const form = parseAgreementForm(sample('mou'));
  form.parties.push({
    name: { id: 'Pemerintah Kota Łódź', en: 'City of Łódź' },
    country: 'PL',
    signatory: { name: 'Paweł Łódźki', position: { id: 'Wali Kota', en: 'Mayor' } },
  });
  rendered = await renderPdf(
    composeDocument(form, BUILTIN_TEMPLATES.MOU, { documentNumber: '119/0042/KS/2019' }),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function signAs(bytes: Uint8Array, party: number, signer: Signer, name: string) {
  const box = rendered.signatureBoxes[party];
  if (!box) throw new Error(`no box for party ${party}`);
  return signPdf(bytes, {
    signer,
    timestamps,
    revocation: httpRevocationFetcher,
    visible: {
      box,
      name,
      capacity: ['Penandatangan'],
      verificationUrl: 'http://127.0.0.1:3000/verify/01JAAAAAAAAAAAAAAAAAAAAAAA',
    },
    fieldName: `party-${party}`,
    reason: 'Penandatanganan kerja sama',
    location: 'Semarang',
    signingTime: new Date('2026-11-24T03:00:00Z'),
  });
}

describe('PAdES signing', () => {
  it('keeps two and three signatures in sequence valid, for pdfsig and for our verifier', async () => {
    const signers = [
      user('gubernur'),
      user('sekda'),
      { ...user('biro.kepala'), name: 'Paweł Łódźki', sub: 'u-pawel' },
    ];
    let bytes = rendered.bytes;
    for (const [party, who] of signers.entries()) {
      bytes = await signAs(bytes, party, await keys.signerFor(who), who.name);
      const independent = await pdfsig(bytes, keys.rootCertificatePem);
      expect(independent).toHaveLength(party + 1);
      for (const s of independent)
        expect(s).toMatchObject({ valid: true, trusted: true, subFilter: 'ETSI.CAdES.detached' });
      const ours = await verifyPdfSignatures(bytes, [keys.rootCertificatePem]);
      expect(ours.map((s) => [s.signer, s.valid, s.trusted])).toEqual(
        signers.slice(0, party + 1).map((s) => [s.name, true, true]),
      );
      // B-LT: each signature is followed by its validation data (the DSS), nothing else after the last.
      expect(ours.map((s) => s.coversWholeDocument)).toEqual(ours.map(() => false));
      expect(ours.at(-1)?.changesAfter).toEqual({ kind: 'signatures' });
      expect(ours.every((s) => s.signingCertificateV2)).toBe(true);
    }
    // The blocks are the widgets' appearances: poppler draws and reads them (pdf.js's text layer does not).
    const text = pdftotext(bytes).replace(/\s+/g, ' ');
    expect(text).toContain('Digitally signed');
    expect(text).toContain('Paweł Łódźki');
  });

  it('detects a one-byte change, in pdfsig and in our verifier', async () => {
    const signed = await signAs(
      rendered.bytes,
      0,
      await keys.signerFor(user('gubernur')),
      'Drs. Bramantyo Adiwinata',
    );
    const tampered = new Uint8Array(signed);
    tampered[2000] = (tampered[2000] ?? 0) ^ 0x01;
    expect((await pdfsig(tampered, keys.rootCertificatePem))[0]?.valid).toBe(false);
    expect((await verifyPdfSignatures(tampered, [keys.rootCertificatePem]))[0]).toMatchObject({
      signer: 'Drs. Bramantyo Adiwinata',
      valid: false,
    });
  });

  it('does not trust a certificate from another authority', async () => {
    const stranger = localSigningKeys(mkdtempSync(join(tmpdir(), 'ca-other-')));
    const signed = await signAs(
      rendered.bytes,
      0,
      await stranger.signerFor(user('gubernur')),
      'Drs. Bramantyo Adiwinata',
    );
    const [check] = await verifyPdfSignatures(signed, [keys.rootCertificatePem]);
    expect(check).toMatchObject({ valid: true, trusted: false });
    expect((await pdfsig(signed, keys.rootCertificatePem))[0]).toMatchObject({ valid: true, trusted: false });
  });

  it('finds no signature in an unsigned PDF', async () => {
    expect(await verifyPdfSignatures(rendered.bytes)).toEqual([]);
  });
});

describe('the KMS signer', () => {
  const kms = mockClient(KMSClient);
  const ddb = mockClient(DynamoDBDocumentClient);
  const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

  it('sends only the digest to KMS and produces a signature pdfsig accepts', async () => {
    process.env.AWS_REGION = 'ap-southeast-3';
    // KMS is simulated with a key issued by a local CA: it answers with real PKCS#1 v1.5 signatures.
    const ca = localAuthority(mkdtempSync(join(tmpdir(), 'ca-kms-')));
    const credential = ca.credential({
      id: 'kms-gubernur',
      name: 'Drs. Bramantyo Adiwinata',
      email: 'gubernur@example.go.id',
      title: 'Gubernur',
    });
    const privateKey = createPrivateKey(credential.privateKeyPem);
    const digests: Uint8Array[] = [];
    kms.on(SignCommand).callsFake((input) => {
      const digest = input.Message as Uint8Array;
      digests.push(digest);
      expect(input).toMatchObject({
        KeyId: 'alias/signer-gubernur',
        MessageType: 'DIGEST',
        SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
      });
      const signature = privateEncrypt(
        { key: privateKey, padding: constants.RSA_PKCS1_PADDING },
        Buffer.concat([SHA256_DIGEST_INFO, digest]),
      );
      return { Signature: new Uint8Array(signature) };
    });
    ddb.on(GetCommand).resolves({
      Item: {
        keyId: 'alias/signer-gubernur',
        certificatePem: credential.certificatePem,
        chainPem: [ca.rootCertificatePem],
      },
    });
    const signer = await new KmsSigningKeys(new Table('table')).signerFor(user('gubernur'));
    const signed = await signAs(rendered.bytes, 0, signer, 'Drs. Bramantyo Adiwinata');
    expect(digests).toHaveLength(1);
    expect(digests[0]).toHaveLength(32);
    expect((await pdfsig(signed, ca.rootCertificatePem))[0]).toMatchObject({
      signer: 'Drs. Bramantyo Adiwinata',
      valid: true,
      trusted: true,
    });
    expect((await verifyPdfSignatures(signed, [ca.rootCertificatePem]))[0]).toMatchObject({
      valid: true,
      trusted: true,
    });
  });

  it('refuses a user without a signing key with a message for the clerk', async () => {
    ddb.on(GetCommand).resolves({});
    await expect(new KmsSigningKeys(new Table('table')).signerFor(user('sekda'))).rejects.toThrow(
      /no signing key/,
    );
  });
});

describe('reading a signature out of its placeholder', () => {
  it('keeps the zero bytes a CMS may end in, and drops only the padding after it', () => {
    // SEQUENCE { INTEGER 0 } ends in 0x00, as about one RSA signature in 256 does.
    const placeholder = Buffer.from(`3003020100${'0'.repeat(40)}`, 'hex');
    expect([...contentsDer(placeholder)]).toEqual([0x30, 0x03, 0x02, 0x01, 0x00]);
  });
});

describe('what changed after a signature', () => {
  const root = () => [keys.rootCertificatePem];
  let signed: Uint8Array;

  beforeAll(async () => {
    signed = await signAs(
      rendered.bytes,
      0,
      await keys.signerFor(user('gubernur')),
      'Drs. Bramantyo Adiwinata',
    );
  });

  it('finds a page replaced after signing (a shadow update): valid, but page 1 changed after it', async () => {
    const forged = await afterSigning.replacePage1(signed);
    const [check] = await verifyPdfSignatures(forged, root());
    expect(check).toMatchObject({
      signer: 'Drs. Bramantyo Adiwinata',
      valid: true,
      trusted: true,
      coversWholeDocument: false,
      changesAfter: { kind: 'content', pages: [1] },
    });
    // pdfsig agrees that the signature no longer covers the file.
    expect((await pdfsig(forged, keys.rootCertificatePem))[0]).toMatchObject({
      valid: true,
      wholeDocument: false,
    });
    expect(alteredAfterSigning([check as never])).toMatch(
      /changed after its last signature \(Drs. Bramantyo Adiwinata\): the page content was changed \(page 1\)/,
    );
  });

  it('finds an annotation added after signing, on its page', async () => {
    const annotated = await afterSigning.addAnnotation(signed);
    const [check] = await verifyPdfSignatures(annotated, root());
    const pages = rendered.pageCount;
    expect(check).toMatchObject({
      coversWholeDocument: false,
      changesAfter: { kind: 'annotations', pages: [pages] },
    });
    expect(alteredAfterSigning([check as never])).toMatch(/annotations were added, changed or removed/);
  });

  it('accepts validation data (DSS) added after the last signature', async () => {
    const certificate = Buffer.from(keys.rootCertificatePem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const extended = await afterSigning.addValidationData(signed, certificate);
    const [check] = await verifyPdfSignatures(extended, root());
    expect(check).toMatchObject({
      valid: true,
      coversWholeDocument: false,
      changesAfter: { kind: 'signatures' },
    });
    expect(alteredAfterSigning([check as never])).toBeUndefined();
  });

  it('accepts a second signature: the last one followed by its validation data only, the first names what the second changed', async () => {
    const twice = await signAs(signed, 1, await keys.signerFor(user('sekda')), 'Sekretaris Daerah');
    const checks = await verifyPdfSignatures(twice, root());
    expect(checks.map((c) => [c.valid, c.trusted, c.coversWholeDocument])).toEqual([
      [true, true, false],
      [true, true, false],
    ]);
    // The visible block is the signature widget's appearance, not page content: no page changed.
    expect(checks[0]?.changesAfter).toEqual({ kind: 'signatures' });
    expect(checks[1]?.changesAfter).toEqual({ kind: 'signatures' });
    expect(alteredAfterSigning(checks)).toBeUndefined();
  });

  it('shows each signature block in its party’s box, as poppler draws and reads the page', async () => {
    const twice = await signAs(signed, 1, await keys.signerFor(user('sekda')), 'Sekretaris Daerah');
    for (const [party, name] of [
      [0, 'Drs. Bramantyo Adiwinata'],
      [1, 'Sekretaris Daerah'],
    ] as const) {
      const box = rendered.signatureBoxes[party] as NonNullable<(typeof rendered.signatureBoxes)[number]>;
      const area = { x0: box.x, x1: box.x + box.width, y0: box.y, y1: box.y + box.height };
      const before = inkIn(rasterise(rendered.bytes, box.page + 1, 72), A4_HEIGHT, area);
      const after = inkIn(rasterise(twice, box.page + 1, 72), A4_HEIGHT, area);
      // The QR code and the lines of text: far more ink than the empty box had.
      expect(after, name).toBeGreaterThan(before + 500);
      expect(pdftotext(twice).replace(/\s+/g, ' ').toLowerCase()).toContain(name.toLowerCase());
    }
  });
});

describe('verification under a crafted file', () => {
  const measure = (bytes: Uint8Array) =>
    inChild(bytes, {
      setup: `const { verifyPdfSignatures } = await import(${JSON.stringify(`${process.cwd()}/shared/signing/verify.ts`)});
const roots = [${JSON.stringify(keys.rootCertificatePem)}];`,
      run: `try { result = (await verifyPdfSignatures(bytes, roots)).map((s) => [s.signer, s.valid, s.coversWholeDocument]); }
catch (error) { result = { error: error.message }; }`,
    });

  it('checks each signature once, hashing in place, whatever byte ranges the file repeats', async () => {
    const signed = await signAs(
      rendered.bytes,
      0,
      await keys.signerFor(user('gubernur')),
      'Drs. Bramantyo Adiwinata',
    );
    const body = decoyRanges(signed);
    expect(body.length).toBeGreaterThan(4.4 * 1024 * 1024);
    const { result, peakGrowthMb } = await measure(body);
    // The decoys are no signature fields: the one real signature, which no longer covers the file.
    expect(result).toEqual([['Drs. Bramantyo Adiwinata', true, false]]);
    // The old verifier copied the signed bytes once per match, about 500 times 4.5 MB at once.
    expect(peakGrowthMb).toBeLessThan(64);
  }, 60_000);

  it(`refuses more than ${MAX_SIGNATURES} signature fields, each a valid range over the whole file`, async () => {
    const many = manySignatures(200);
    expect(many.length).toBeGreaterThan(4.4 * 1024 * 1024);
    const { result, peakGrowthMb } = await measure(many);
    expect(result).toEqual({ error: `the PDF has more than ${MAX_SIGNATURES} signatures to check` });
    expect(peakGrowthMb).toBeLessThan(64);
  }, 60_000);
});
