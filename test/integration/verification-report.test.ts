import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { LocalSigningKeys } from '../../shared/adapters/local/local-signing-keys.js';
import { pdftotext } from '../support/poppler-text.js';
import { apiAs } from './support/api.js';
import { journey } from './support/journey.js';
import { useEmbeddedStack } from './support/stack.js';
import { stored } from './support/stored.js';

const stack = useEmbeddedStack();
const { verify } = stored(stack);
const { signedByRegion, upload, atSigning } = journey(stack);

async function get(path: string) {
  const res = await fetch(`${stack.baseUrl}${path}`);
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
}

const text = (pdf: Uint8Array) => pdftotext(pdf).replace(/\s+/g, ' ');

describe('the verification report', () => {
  let mou: { id: string; pdf: Uint8Array };

  beforeAll(async () => {
    mou = await signedByRegion('mou');
    expect(await upload(mou.id, mou.pdf)).toMatchObject({ status: 'accepted' });
  }, 60_000);

  it('answers per signature the indication, level, times, chain and revocation (B-LT: the CA’s OCSP answer in the file)', async () => {
    const { status, json } = await verify(mou.pdf);
    expect(status, JSON.stringify(json)).toBe(200);
    // The file as uploaded: the archive's copy is it with the archive's seal added.
    expect(json).toMatchObject({
      matchesArchivedCopy: false,
      copy: 'uploaded',
      archived: { agreementId: mou.id },
      reportId: expect.stringMatching(/^[0-9A-Z]{26}$/),
    });
    const [s] = json.signatures;
    expect(s).toMatchObject({
      kind: 'signature',
      signer: 'Drs. Bramantyo Adiwinata',
      valid: true,
      trusted: true,
      indication: 'TOTAL_PASSED',
      subIndication: null,
      // The stack's own TSA timestamps every signature; its CA's OCSP answer is in the file.
      level: 'B-LT',
      claimedTime: expect.any(String),
      provenTime: expect.any(String),
      changesAfter: { kind: 'signatures' },
      // The embedded stack's OCSP responder answered at signing; the answer went into the DSS.
      revocation: [{ source: 'DSS', type: 'OCSP', status: 'good' }],
    });
    expect(s.chain.map((c: { trustedRoot: boolean }) => c.trustedRoot)).toEqual([false, true]);
  });

  it('keeps an uploaded file’s report under its id, as JSON and as a bilingual PDF', async () => {
    const { json } = await verify(mou.pdf);
    const kept = await fetch(`${stack.baseUrl}/api/verify/${json.reportId}`).then((r) => r.json());
    expect(kept).toEqual({ kind: 'report', ...json });
    const pdf = await get(`/api/verify/${json.reportId}/report.pdf`);
    expect(pdf).toMatchObject({ status: 200, type: 'application/pdf' });
    const report = text(pdf.bytes);
    for (const expected of [
      'Laporan Verifikasi Tanda Tangan Elektronik',
      json.sha256.slice(0, 16),
      'the signed file uploaded, which the archived copy was made from',
      'Tanda tangan / Signature — Drs. Bramantyo Adiwinata',
      'LULUS / PASSED',
      'DSS OCSP',
    ]) {
      expect(report).toContain(expected);
    }
  });

  it('checks the archived copy again when its QR code is opened, and prints that report too', async () => {
    const record = await fetch(`${stack.baseUrl}/api/verify/${mou.id}`).then((r) => r.json());
    expect(record).toMatchObject({ kind: 'archive', agreementId: mou.id, checkedAt: expect.any(String) });
    // The archive sealed the upload: its document timestamp covers the signature's validation data.
    expect(record.signatures.map((s: { kind: string }) => s.kind)).toEqual(['signature', 'timestamp']);
    expect(record.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', level: 'B-LTA' });
    // The seal's own validation data follows it; a renewal's timestamp would cover that too.
    expect(record.signatures[1]).toMatchObject({
      kind: 'timestamp',
      indication: 'TOTAL_PASSED',
      level: 'B-LT',
      changesAfter: { kind: 'signatures' },
    });
    const pdf = await get(`/api/verify/${mou.id}/report.pdf`);
    expect(pdf.status).toBe(200);
    expect(text(pdf.bytes)).toContain(record.title.id);
    expect(text(pdf.bytes)).toContain('byte-identical to the archived copy');
    expect((await get('/api/verify/01JAAAAAAAAAAAAAAAAAAAAAAA/report.pdf')).status).toBe(404);
  });

  it('flags a one-byte change as TOTAL_FAILED / HASH_FAILURE', async () => {
    const signed = Buffer.from(mou.pdf);
    const at = signed.lastIndexOf('/Reason');
    signed[at + 10] = (signed[at + 10] ?? 0) ^ 1;
    const { json } = await verify(signed);
    expect(json.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
  });

  it('refuses to sign with a revoked certificate, storing nothing; what was signed before stays TOTAL_PASSED', async () => {
    const keys = new LocalSigningKeys(stack.env.LOCAL_CA_DIR as string);
    const gubernur = DEMO_USERS.find((u) => u.username === 'gubernur') as (typeof DEMO_USERS)[number];
    // The stored credential the CA issued at the signatures.
    const { certificatePem } = keys.authority.credential({
      id: gubernur.sub,
      name: '',
      email: '',
      title: '',
    });
    keys.authority.revocation.revoke(certificatePem, new Date());
    const id = await atSigning('mou');
    const refused = await apiAs(stack, 'gubernur')('POST', `/api/agreements/${id}/sign`, { version: 1 });
    expect(refused.status, JSON.stringify(refused.json)).toBe(409);
    expect(refused.json.message.en).toContain("The signer's certificate was revoked on");
    const agreement = await apiAs(stack, 'biro.staf')('GET', `/api/agreements/${id}`);
    expect(agreement.json.signedDocument).toBeUndefined();
    // Its OCSP answer at signing, in the file, still says good: proven before the revocation.
    const { json } = await verify(mou.pdf);
    expect(json.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', level: 'B-LT' });
  });
});
