import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDF } from '@libpdf/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { LocalSigningKeys } from '../../shared/adapters/local/local-signing-keys.js';
import { composeDocument } from '../../shared/documents/compose.js';
import { type RenderedPdf, renderPdf } from '../../shared/documents/pdf.js';
import { parseAgreementForm } from '../../shared/form/agreement-form.js';
import type { Identity } from '../../shared/identity/identity.js';
import type { RevocationFetcher } from '../../shared/ports/revocation.js';
import { signPdf } from '../../shared/signing/pades.js';
import { signatureReport } from '../../shared/signing/report.js';
import { renderVerificationReport } from '../../shared/signing/report-pdf.js';
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { pdftotext } from '../support/poppler-text.js';
import { sample } from '../support/samples.js';

const user = (username: string) => DEMO_USERS.find((u) => u.username === username) as Identity;
const SIGNED_AT = new Date('2026-11-24T03:00:00Z');
const NOW = new Date('2026-11-30T03:00:00Z');

const dirs: string[] = [];
const caDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-ca-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

let rendered: RenderedPdf;
beforeAll(async () => {
  rendered = await renderPdf(
    composeDocument(parseAgreementForm(sample('mou')), BUILTIN_TEMPLATES.MOU, {
      documentNumber: '119/0042/KS/2026',
    }),
  );
});

async function signedBy(keys: LocalSigningKeys, who = user('gubernur')) {
  const box = rendered.signatureBoxes[0];
  if (!box) throw new Error('no signature box');
  return signPdf(rendered.bytes, {
    signer: await keys.signerFor(who),
    visible: {
      box,
      name: who.name,
      capacity: ['Gubernur'],
      verificationUrl: 'http://127.0.0.1:3000/verify/x',
    },
    fieldName: 'region-1',
    reason: 'Penandatanganan',
    location: 'Semarang',
    signingTime: SIGNED_AT,
  });
}

/** The CA's own services, answering where its certificates point (the embedded stack serves them over HTTP). */
const served = (keys: LocalSigningKeys): RevocationFetcher & { asked: string[] } => {
  const asked: string[] = [];
  return {
    asked,
    ocsp: async (url, request) => {
      asked.push(url);
      return url.endsWith('/api/ca/ocsp') ? keys.authority.revocation.ocsp(request, NOW) : undefined;
    },
    crl: async (url) => {
      asked.push(url);
      return url.endsWith('/api/ca/crl') ? keys.authority.revocation.crl(NOW) : undefined;
    },
  };
};

describe('the validation report of a signed PDF', () => {
  it('says INDETERMINATE / TRY_LATER for a B-B signature whose certificate names no revocation service', async () => {
    const keys = new LocalSigningKeys(caDir());
    const [s] = await signatureReport(await signedBy(keys), [keys.rootCertificatePem], { now: NOW });
    expect(s).toMatchObject({
      kind: 'signature',
      signer: user('gubernur').name,
      valid: true,
      trusted: true,
      indication: 'INDETERMINATE',
      subIndication: 'TRY_LATER',
      level: 'B-B',
      claimedTime: SIGNED_AT.toISOString(),
      provenTime: null,
      revocation: [{ source: 'none', status: 'unknown' }],
    });
    expect(s?.chain).toHaveLength(2);
    expect(s?.chain[0]).toMatchObject({
      subject: expect.stringContaining(`CN=${user('gubernur').name}`),
      trustedRoot: false,
    });
    expect(s?.chain[1]).toMatchObject({
      subject: expect.stringContaining('CN=Kerja Sama Local Root CA'),
      trustedRoot: true,
    });
  });

  it('says INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND when no trusted root is known', async () => {
    const keys = new LocalSigningKeys(caDir());
    const [s] = await signatureReport(await signedBy(keys), [], { now: NOW });
    expect(s).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      trusted: false,
    });
    expect(s?.chain).toHaveLength(1);
  });

  it('says TOTAL_FAILED / HASH_FAILURE when one signed byte changed', async () => {
    const keys = new LocalSigningKeys(caDir());
    const signed = await signedBy(keys);
    const at = Buffer.from(signed).lastIndexOf('Semarang');
    const altered = new Uint8Array(signed);
    altered[at + 1] = 'u'.charCodeAt(0);
    const [s] = await signatureReport(altered, [keys.rootCertificatePem], { now: NOW });
    expect(s).toMatchObject({
      valid: false,
      indication: 'TOTAL_FAILED',
      subIndication: 'HASH_FAILURE',
      level: null,
    });
  });

  it('asks the OCSP responder the certificate names: good passes, revoked without proof of existence is REVOKED_NO_POE', async () => {
    const keys = new LocalSigningKeys(caDir(), 'http://127.0.0.1:9');
    const signed = await signedBy(keys);
    const fetcher = served(keys);
    const [good] = await signatureReport(signed, [keys.rootCertificatePem], { now: NOW, fetcher });
    expect(fetcher.asked).toEqual(['http://127.0.0.1:9/api/ca/ocsp']);
    expect(good).toMatchObject({
      indication: 'TOTAL_PASSED',
      subIndication: null,
      revocation: [{ source: 'OCSP-online', type: 'OCSP', status: 'good', thisUpdate: NOW.toISOString() }],
    });
    const credential = keys.authority.credential({
      id: user('gubernur').sub,
      name: user('gubernur').name,
      email: user('gubernur').email,
      title: 'Gubernur',
    });
    keys.authority.revocation.revoke(credential.certificatePem, new Date('2026-11-25T00:00:00Z'));
    const [revoked] = await signatureReport(signed, [keys.rootCertificatePem], {
      now: NOW,
      fetcher: served(keys),
    });
    expect(revoked).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'REVOKED_NO_POE',
      revocation: [{ status: 'revoked', revokedAt: '2026-11-25T00:00:00.000Z' }],
    });
  });

  it('reads the CRL from the document security store, before asking anyone', async () => {
    const keys = new LocalSigningKeys(caDir(), 'http://127.0.0.1:9');
    const pdf = await PDF.load(await signedBy(keys));
    const { bytes } = await pdf.addValidationData({
      revocationProvider: { getCRL: async () => keys.authority.revocation.crl(NOW) },
    });
    const fetcher = served(keys);
    const [s] = await signatureReport(bytes, [keys.rootCertificatePem], { now: NOW, fetcher });
    expect(fetcher.asked).toEqual([]);
    expect(s).toMatchObject({
      indication: 'TOTAL_PASSED',
      level: 'B-B',
      coversWholeDocument: false,
      changesAfter: { kind: 'signatures' },
      revocation: [{ source: 'DSS', type: 'CRL', status: 'good' }],
    });
  });

  it('is printed as a bilingual PDF that an independent reader reads back', async () => {
    const keys = new LocalSigningKeys(caDir());
    const signatures = await signatureReport(await signedBy(keys), [keys.rootCertificatePem], { now: NOW });
    const pdf = await renderVerificationReport({
      sha256: 'ab'.repeat(32),
      matchesArchivedCopy: true,
      agreement: {
        title: 'Kerja Sama Pendidikan / Education Cooperation',
        documentNumber: '119/0042/KS/2026',
      },
      checkedAt: NOW.toISOString(),
      signatures,
    });
    const text = pdftotext(pdf).replace(/\s+/g, ' ');
    for (const expected of [
      'Laporan Verifikasi Tanda Tangan Elektronik',
      'Electronic Signature Verification Report',
      '119/0042/KS/2026',
      'ab'.repeat(8),
      `Tanda tangan / Signature — ${user('gubernur').name}`,
      'BELUM DAPAT DIPASTIKAN / INDETERMINATE',
      'TRY_LATER',
      'PAdES B-B',
      '2026-11-24 03:00:00 UTC',
      'Kerja Sama Local Root CA',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
