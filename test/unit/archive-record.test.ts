import { describe, expect, it } from 'vitest';
import { archiveRecord } from '../../shared/archive/archive-record.js';
import { parseAgreementForm } from '../../shared/form/agreement-form.js';
import type { SignatureCheck } from '../../shared/signing/verify.js';
import { sampleFor } from '../support/samples.js';
import { syntheticAgreement, syntheticVersion } from '../support/synthetic.js';

const signature = (over: Partial<SignatureCheck>): SignatureCheck => ({
  kind: 'signature',
  signer: 'Bramantyo Adiwinata',
  signedAt: '2026-11-24T03:00:00.000Z',
  valid: true,
  trusted: true,
  signingCertificateV2: true,
  coversWholeDocument: true,
  changesAfter: { kind: 'none' },
  byteRange: [0, 10, 20, 30],
  ...over,
});

/** The MoU sample without a signing date of its own, in force from signing for five years. */
function recordWith(signatures: SignatureCheck[]) {
  const form = parseAgreementForm(sampleFor('mou'));
  form.signing.date = undefined;
  form.effectiveFrom = 'signing';
  form.durationYears = 5;
  const agreement = syntheticAgreement(1);
  return archiveRecord({
    agreement,
    version: { ...syntheticVersion(agreement), form },
    uploaded: { sha256: 'b'.repeat(64), size: 1 },
    copy: {
      key: 'archive/x.pdf',
      contentType: 'application/pdf',
      size: 2,
      sha256: 'a'.repeat(64),
      timestampedAt: '2026-12-01T08:00:00.000Z',
      timestampValidUntil: '2036-12-01T08:00:00.000Z',
    },
    renewBy: '2036-06-04',
    signatures,
    uploadId: 'u',
    archivedAt: '2026-12-01T08:00:00.000Z',
    archivedBy: 'Biro',
  });
}

describe('the dates of an archived agreement', () => {
  it("come from the last verified signature's time", () => {
    const record = recordWith([signature({})]);
    expect(record).toMatchObject({
      signedAt: '2026-11-24',
      validFrom: '2026-11-24',
      validUntil: '2031-11-23',
    });
  });

  it.each([
    ['invalid', { valid: false, trusted: false }],
    ['untrusted', { valid: true, trusted: false }],
    ['invalid but from a trusted certificate', { valid: false, trusted: true }],
  ])('are not set by an %s signature claiming 2049', (_, verdict) => {
    const forged = signature({ ...verdict, signer: 'Penipu', signedAt: '2049-01-01T00:00:00.000Z' });
    const record = recordWith([signature({}), forged]);
    expect(record).toMatchObject({
      signedAt: '2026-11-24',
      validFrom: '2026-11-24',
      validUntil: '2031-11-23',
    });
    // Alone, it leaves the day the copy was archived.
    expect(recordWith([forged])).toMatchObject({ signedAt: '2026-12-01', validUntil: '2031-11-30' });
    // Still recorded, with its verdict and coverage, for whoever reads the record.
    expect(record.signatures[1]).toMatchObject({
      signer: 'Penipu',
      signedAt: '2049-01-01T00:00:00.000Z',
      ...verdict,
    });
  });
});
