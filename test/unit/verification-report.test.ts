import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDF } from '@libpdf/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { LocalSigningKeys } from '../../shared/adapters/local/local-signing-keys.js';
import { LocalTimestampAuthority } from '../../shared/adapters/local/local-timestamp-authority.js';
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

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A local CA of its own (its certificates naming its CRL and OCSP responder when `publicUrl` is given). */
function authority(publicUrl?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'report-ca-'));
  dirs.push(dir);
  return { dir, keys: new LocalSigningKeys(dir, publicUrl), tsa: new LocalTimestampAuthority(dir) };
}
type Authority = ReturnType<typeof authority>;

let rendered: RenderedPdf;
beforeAll(async () => {
  rendered = await renderPdf(
    composeDocument(parseAgreementForm(sample('mou')), BUILTIN_TEMPLATES.MOU, {
      documentNumber: '119/0042/KS/2026',
    }),
  );
});

/** Signed as PAdES B-T, the timestamp from `tsa` (the signer's own CA unless told). */
async function signedBy(ca: Authority, tsa = ca.tsa) {
  const who = user('gubernur');
  const box = rendered.signatureBoxes[0];
  if (!box) throw new Error('no signature box');
  return signPdf(rendered.bytes, {
    signer: await ca.keys.signerFor(who),
    timestamps: tsa,
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

/** The gubernur's certificate, as the CA issued it at the signature. */
const gubernurCertificate = (ca: Authority) =>
  ca.keys.authority.credential({ id: user('gubernur').sub, name: '', email: '', title: '' }).certificatePem;

/** The CA's own services, answering where its certificates point (the embedded stack serves them over HTTP). */
const served = (ca: Authority): RevocationFetcher & { asked: string[] } => {
  const asked: string[] = [];
  return {
    asked,
    ocsp: async (url, request) => {
      asked.push(url);
      return url.endsWith('/api/ca/ocsp') ? ca.keys.authority.revocation.ocsp(request) : undefined;
    },
    crl: async (url) => {
      asked.push(url);
      return url.endsWith('/api/ca/crl') ? ca.keys.authority.revocation.crl() : undefined;
    },
  };
};

const now = () => new Date();

describe('the validation report of a signed PDF', () => {
  it('says INDETERMINATE / TRY_LATER for a B-T signature whose certificate names no revocation service', async () => {
    const ca = authority();
    const [s] = await signatureReport(await signedBy(ca), [ca.keys.rootCertificatePem], { now: now() });
    expect(s).toMatchObject({
      kind: 'signature',
      signer: user('gubernur').name,
      valid: true,
      trusted: true,
      indication: 'INDETERMINATE',
      subIndication: 'TRY_LATER',
      level: 'B-T',
      claimedTime: SIGNED_AT.toISOString(),
      timestamp: { valid: true, trusted: true },
      revocation: [{ source: 'none', status: 'unknown' }],
    });
    // Proven by the timestamp: the time the TSA gave, not the time the signer claimed.
    expect(s?.provenTime).toBe(s?.timestamp?.time);
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
    const ca = authority();
    const [s] = await signatureReport(await signedBy(ca), [], { now: now() });
    expect(s).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      trusted: false,
      provenTime: null,
    });
    expect(s?.chain).toHaveLength(1);
  });

  it('says TOTAL_FAILED / HASH_FAILURE when one signed byte changed', async () => {
    const ca = authority();
    const signed = await signedBy(ca);
    const at = Buffer.from(signed).lastIndexOf('Semarang');
    const altered = new Uint8Array(signed);
    altered[at + 1] = 'u'.charCodeAt(0);
    const [s] = await signatureReport(altered, [ca.keys.rootCertificatePem], { now: now() });
    expect(s).toMatchObject({
      valid: false,
      indication: 'TOTAL_FAILED',
      subIndication: 'HASH_FAILURE',
      level: null,
    });
  });

  it('asks the OCSP responder the certificate names; a revocation after the proven time leaves it passed', async () => {
    const ca = authority('http://127.0.0.1:9');
    const signed = await signedBy(ca);
    const fetcher = served(ca);
    const [good] = await signatureReport(signed, [ca.keys.rootCertificatePem], { now: now(), fetcher });
    expect(fetcher.asked).toEqual(['http://127.0.0.1:9/api/ca/ocsp']);
    expect(good).toMatchObject({
      indication: 'TOTAL_PASSED',
      subIndication: null,
      // Revocation data fetched online is not in the file: B-T, not B-LT.
      level: 'B-T',
      revocation: [{ source: 'OCSP-online', type: 'OCSP', status: 'good' }],
    });
    // Revocation times are whole seconds, as DER writes them.
    const later = new Date(Math.ceil(Date.parse(good?.provenTime as string) / 1000) * 1000 + 60_000);
    ca.keys.authority.revocation.revoke(gubernurCertificate(ca), later);
    const [revokedLater] = await signatureReport(signed, [ca.keys.rootCertificatePem], {
      now: now(),
      fetcher: served(ca),
    });
    expect(revokedLater).toMatchObject({
      indication: 'TOTAL_PASSED',
      revocation: [{ status: 'revoked', revokedAt: later.toISOString() }],
    });
  });

  it('flags a signature proven after the revocation as REVOKED, and one with no proven time as REVOKED_NO_POE', async () => {
    const ca = authority('http://127.0.0.1:9');
    await signedBy(ca);
    ca.keys.authority.revocation.revoke(gubernurCertificate(ca), new Date(Date.now() - 60_000));
    const roots = [ca.keys.rootCertificatePem];
    const [after] = await signatureReport(await signedBy(ca), roots, { now: now(), fetcher: served(ca) });
    expect(after).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'REVOKED' });
    // A timestamp from an authority nobody trusts proves no time.
    const [unproven] = await signatureReport(await signedBy(ca, authority().tsa), roots, {
      now: now(),
      fetcher: served(ca),
    });
    expect(unproven).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'REVOKED_NO_POE',
      provenTime: null,
      level: 'B-B',
    });
  });

  it('reaches B-LT with the CRL in the document security store, and B-LTA once a document timestamp covers it', async () => {
    const ca = authority('http://127.0.0.1:9');
    const crl = { getCRL: async () => ca.keys.authority.revocation.crl() };
    const lt = await PDF.load(await signedBy(ca)).then((pdf) =>
      pdf.addValidationData({ revocationProvider: crl }),
    );
    const fetcher = served(ca);
    const [s] = await signatureReport(lt.bytes, [ca.keys.rootCertificatePem], { now: now(), fetcher });
    expect(fetcher.asked).toEqual([]);
    expect(s).toMatchObject({
      indication: 'TOTAL_PASSED',
      level: 'B-LT',
      changesAfter: { kind: 'signatures' },
      revocation: [{ source: 'DSS', type: 'CRL', status: 'good' }],
    });
    const lta = await PDF.load(lt.bytes).then((pdf) =>
      pdf.addArchivalData({ timestampAuthority: ca.tsa, revocationProvider: crl }),
    );
    const [signature, timestamp] = await signatureReport(lta.bytes, [ca.keys.rootCertificatePem], {
      now: now(),
      fetcher: served(ca),
    });
    expect(signature).toMatchObject({ kind: 'signature', indication: 'TOTAL_PASSED', level: 'B-LTA' });
    expect(timestamp).toMatchObject({
      kind: 'timestamp',
      signer: 'Kerja Sama Local Timestamp Authority',
      valid: true,
      trusted: true,
      indication: 'TOTAL_PASSED',
      coversWholeDocument: false,
    });
    expect(timestamp?.claimedTime).toBe(timestamp?.provenTime);
  });

  it('is printed as a bilingual PDF that an independent reader reads back', async () => {
    const ca = authority();
    const signatures = await signatureReport(await signedBy(ca), [ca.keys.rootCertificatePem], {
      now: now(),
    });
    const pdf = await renderVerificationReport({
      sha256: 'ab'.repeat(32),
      matchesArchivedCopy: true,
      agreement: {
        title: 'Kerja Sama Pendidikan / Education Cooperation',
        documentNumber: '119/0042/KS/2026',
      },
      checkedAt: new Date().toISOString(),
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
      'PAdES B-T',
      '2026-11-24 03:00:00 UTC',
      'Kerja Sama Local Root CA',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
