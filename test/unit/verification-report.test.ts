import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDF } from '@libpdf/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { httpRevocationFetcher } from '../../shared/adapters/http-revocation.js';
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
import { revocationProvider } from '../../shared/signing/revocation.js';
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { localSigningKeys } from '../support/local-ca.js';
import { pdftotext } from '../support/poppler-text.js';
import { sample } from '../support/samples.js';

const user = (username: string) => DEMO_USERS.find((u) => u.username === username) as Identity;
const SIGNED_AT = new Date('2026-11-24T03:00:00Z');

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A local CA of its own, whose certificates name its CRL and OCSP responder (answered in process). */
function authority() {
  const dir = mkdtempSync(join(tmpdir(), 'report-ca-'));
  dirs.push(dir);
  const keys = localSigningKeys(dir);
  return { dir, keys, tsa: new LocalTimestampAuthority(dir, keys.authority.url()) };
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

/** Signed as the product signs: PAdES B-LT, the timestamp from `tsa` (the signer's own CA unless told). */
async function signedBy(ca: Authority, tsa = ca.tsa) {
  const who = user('gubernur');
  const box = rendered.signatureBoxes[0];
  if (!box) throw new Error('no signature box');
  return signPdf(rendered.bytes, {
    signer: await ca.keys.signerFor(who),
    timestamps: tsa,
    revocation: httpRevocationFetcher,
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

/** Signed as another tool might: B-T only, no revocation data in the file. */
async function signedBT(keys: LocalSigningKeys, tsa: LocalTimestampAuthority) {
  const pdf = await PDF.load(rendered.bytes);
  const { bytes } = await pdf.sign({
    signer: await keys.signerFor(user('gubernur')),
    fieldName: 'other-tool',
    subFilter: 'ETSI.CAdES.detached',
    level: 'B-T',
    timestampAuthority: tsa,
    signingTime: SIGNED_AT,
  });
  return bytes;
}

/** The gubernur's certificate, as the CA issued it at the signature. */
const gubernurCertificate = (ca: Authority) =>
  ca.keys.authority.credential({ id: user('gubernur').sub, name: '', email: '', title: '' }).certificatePem;

/** Counts what verification asks online. */
const counting = (): RevocationFetcher & { asked: string[] } => {
  const asked: string[] = [];
  return {
    asked,
    ocsp: (url, request) => {
      asked.push(url);
      return httpRevocationFetcher.ocsp(url, request);
    },
    crl: (url) => {
      asked.push(url);
      return httpRevocationFetcher.crl(url);
    },
  };
};

const now = () => new Date();

describe('the validation report of a signed PDF', () => {
  it('passes a signature as the product signs it: B-LT, its OCSP answer in the document security store', async () => {
    const ca = authority();
    const fetcher = counting();
    const [s] = await signatureReport(await signedBy(ca), [ca.keys.rootCertificatePem], {
      now: now(),
      fetcher,
    });
    expect(fetcher.asked).toEqual([]);
    expect(s).toMatchObject({
      kind: 'signature',
      signer: user('gubernur').name,
      valid: true,
      trusted: true,
      indication: 'TOTAL_PASSED',
      subIndication: null,
      level: 'B-LT',
      claimedTime: SIGNED_AT.toISOString(),
      timestamp: { valid: true, trusted: true },
      revocation: [{ source: 'DSS', type: 'OCSP', status: 'good' }],
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

  it('says INDETERMINATE / TRY_LATER for a B-T signature whose certificate names no revocation service', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-ca-'));
    dirs.push(dir);
    const keys = new LocalSigningKeys(dir);
    const [s] = await signatureReport(
      await signedBT(keys, new LocalTimestampAuthority(dir)),
      [keys.rootCertificatePem],
      {
        now: now(),
        fetcher: counting(),
      },
    );
    expect(s).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'TRY_LATER',
      level: 'B-T',
      revocation: [{ source: 'none', status: 'unknown' }],
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

  it('asks the OCSP responder a file without revocation data names; a revocation after the proven time leaves it passed', async () => {
    const ca = authority();
    const signed = await signedBT(ca.keys, ca.tsa);
    const fetcher = counting();
    const [good] = await signatureReport(signed, [ca.keys.rootCertificatePem], { now: now(), fetcher });
    expect(fetcher.asked).toHaveLength(1);
    expect(fetcher.asked[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ca-\d+\/api\/ca\/ocsp$/);
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
      fetcher: counting(),
    });
    expect(revokedLater).toMatchObject({
      indication: 'TOTAL_PASSED',
      revocation: [{ status: 'revoked', revokedAt: later.toISOString() }],
    });
  });

  it('refuses to sign with a revoked certificate; flags one proven after the revocation, and one with no proven time', async () => {
    const ca = authority();
    await signedBy(ca);
    ca.keys.authority.revocation.revoke(gubernurCertificate(ca), new Date(Date.now() - 60_000));
    await expect(signedBy(ca)).rejects.toMatchObject({
      name: 'ConflictError',
      text: { en: expect.stringContaining("The signer's certificate was revoked on") },
    });
    const roots = [ca.keys.rootCertificatePem];
    const [after] = await signatureReport(await signedBT(ca.keys, ca.tsa), roots, {
      now: now(),
      fetcher: httpRevocationFetcher,
    });
    expect(after).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'REVOKED' });
    // A timestamp from an authority nobody trusts proves no time.
    const [unproven] = await signatureReport(await signedBT(ca.keys, authority().tsa), roots, {
      now: now(),
      fetcher: httpRevocationFetcher,
    });
    expect(unproven).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'REVOKED_NO_POE',
      provenTime: null,
      level: 'B-B',
    });
  });

  it('reaches B-LTA once a document timestamp covers the validation data, the timestamp an entry of its own', async () => {
    const ca = authority();
    const signed = await signedBy(ca);
    const lta = await PDF.load(signed).then((pdf) =>
      pdf.addArchivalData({
        timestampAuthority: ca.tsa,
        revocationProvider: revocationProvider(httpRevocationFetcher),
      }),
    );
    const fetcher = counting();
    const [signature, timestamp] = await signatureReport(lta.bytes, [ca.keys.rootCertificatePem], {
      now: now(),
      fetcher,
    });
    expect(fetcher.asked).toEqual([]);
    expect(signature).toMatchObject({
      kind: 'signature',
      indication: 'TOTAL_PASSED',
      level: 'B-LTA',
      changesAfter: { kind: 'signatures' },
    });
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
      copy: 'archived',
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
      'LULUS / PASSED',
      'DSS OCSP',
      'PAdES B-LT',
      '2026-11-24 03:00:00 UTC',
      'Kerja Sama Local Root CA',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
