import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRevocationFetcher } from '../../shared/adapters/http-revocation.js';
import { LocalSigningKeys } from '../../shared/adapters/local/local-signing-keys.js';
import { LocalTimestampAuthority } from '../../shared/adapters/local/local-timestamp-authority.js';
import { HttpTimestampAuthorities } from '../../shared/adapters/tsa/http-timestamp-authorities.js';
import type { Identity } from '../../shared/identity/identity.js';
import { signPdf } from '../../shared/signing/pades.js';
import { contentsDer } from '../../shared/signing/verify.js';
import { pdfsig } from '../support/pdfsig.js';
import { apiAs } from './support/api.js';
import { dailyJobOn } from './support/daily.js';
import { journey } from './support/journey.js';
import { useEmbeddedStack } from './support/stack.js';
import { stored } from './support/stored.js';

const stack = useEmbeddedStack();
const { rootPem, archived, verify } = stored(stack);
const as = (username: string) => apiAs(stack, username);
const { signedByRegion, upload } = journey(stack);
const s3 = new S3Client({ forcePathStyle: true });
const work = mkdtempSync(join(tmpdir(), 'seal-it-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
// biome-ignore lint/suspicious/noExplicitAny: checked field by field
const report = async (id: string): Promise<any> => (await fetch(`${stack.baseUrl}/api/verify/${id}`)).json();

/** The partners' officials: they sign with certificates from the same CA, through the stack's TSA. */
const PARTNERS = [
  { sub: 'partner-rector', name: 'Prof. Dr. Hana Lestari', capacity: 'Rektor' },
  { sub: 'partner-mayor', name: 'Drs. Yusuf Permana', capacity: 'Wali Kota' },
];

async function countersigned(pdf: Uint8Array): Promise<Uint8Array> {
  const keys = new LocalSigningKeys(stack.env.LOCAL_CA_DIR as string, stack.baseUrl);
  let signed = pdf;
  for (const [i, partner] of PARTNERS.entries()) {
    const user: Identity = {
      sub: partner.sub,
      username: partner.sub,
      name: partner.name,
      email: `${partner.sub}@partner.example`,
      role: 'kepala_daerah',
    };
    signed = await signPdf(signed, {
      signer: await keys.signerFor(user),
      timestamps: new HttpTimestampAuthorities([stack.env.TSA_URLS as string], { timeoutMs: 5000 }),
      revocation: httpRevocationFetcher,
      visible: {
        box: { party: i + 1, page: 0, x: 60 + i * 240, y: 60, width: 200, height: 80 },
        name: partner.name,
        capacity: [partner.capacity],
        verificationUrl: `${stack.baseUrl}/verify`,
      },
      fieldName: `partner-${i + 1}`,
      reason: 'Penandatanganan / Signing',
      location: 'Semarang',
      signingTime: new Date(),
    });
  }
  return signed;
}

/** The byte range and token of the file's last signature: the document timestamp the archive added. */
function lastTimestamp(pdf: Uint8Array) {
  const text = Buffer.from(pdf).toString('latin1');
  const at = text.lastIndexOf('/ETSI.RFC3161');
  const dict = text.slice(text.lastIndexOf('<<', at), text.indexOf('>>', at) + 2 + 100_000);
  const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(dict)?.slice(1).map(Number);
  const hex = /\/Contents\s*<([0-9a-fA-F]+)>/.exec(dict)?.[1];
  if (!range || !hex) throw new Error('no document timestamp found');
  const [a, b, c, d] = range as [number, number, number, number];
  return {
    data: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]),
    token: contentsDer(Buffer.from(hex, 'hex')),
  };
}

function opensslAccepts(pdf: Uint8Array, tsaPem: string): string {
  const { data, token } = lastTimestamp(pdf);
  writeFileSync(join(work, 'data.bin'), data);
  writeFileSync(join(work, 'token.der'), token);
  writeFileSync(join(work, 'root.pem'), rootPem());
  writeFileSync(join(work, 'tsa.pem'), tsaPem);
  const args = [
    'ts',
    '-verify',
    '-token_in',
    '-in',
    join(work, 'token.der'),
    '-data',
    join(work, 'data.bin'),
  ];
  const out = spawnSync(
    'openssl',
    [...args, '-CAfile', join(work, 'root.pem'), '-untrusted', join(work, 'tsa.pem')],
    { encoding: 'utf8' },
  );
  return out.stdout + out.stderr;
}

/** The document security store as qpdf (an independent reader) resolves it. */
async function dssOf(pdf: Uint8Array) {
  writeFileSync(join(work, 'doc.pdf'), pdf);
  const { stdout } = await promisify(execFile)('qpdf', ['--json', '--json-key=qpdf', join(work, 'doc.pdf')], {
    maxBuffer: 256 * 1024 * 1024,
  });
  const objects = JSON.parse(stdout).qpdf[1] as Record<string, { value: unknown }>;
  // A direct value, or the object a reference ("12 0 R") names.
  const resolve = <T>(value: unknown): T =>
    (typeof value === 'string' && / R$/.test(value) ? objects[`obj:${value}`]?.value : value) as T;
  const trailer = resolve<Record<string, string>>(objects.trailer?.value);
  const catalog = resolve<Record<string, unknown>>(trailer['/Root']);
  const dss = resolve<Record<string, unknown>>(catalog['/DSS']);
  const count = (name: string) => resolve<unknown[] | undefined>(dss[name])?.length ?? 0;
  return { certs: count('/Certs'), ocsps: count('/OCSPs'), crls: count('/CRLs') };
}

describe('the archive’s seal (PAdES B-LTA) and its renewal', () => {
  let id: string;
  let uploaded: Uint8Array;
  // biome-ignore lint/suspicious/noExplicitAny: checked field by field
  let record: any;

  beforeAll(async () => {
    const mou = await signedByRegion('mou');
    id = mou.id;
    uploaded = await countersigned(mou.pdf);
    const verdict = await upload(id, uploaded);
    expect(verdict, JSON.stringify(verdict)).toMatchObject({ status: 'accepted' });
    record = (await as('evaluator')('GET', `/api/archive/${id}`)).json;
  }, 120_000);

  it('keeps the upload with a document timestamp over the validation data of every signature: three signers reach B-LTA', async () => {
    expect(record.uploaded).toEqual({ sha256: sha256(uploaded), size: uploaded.byteLength });
    expect(record.copies).toHaveLength(1);
    const [copy] = record.copies;
    expect(record.file).toEqual({
      key: copy.key,
      contentType: 'application/pdf',
      size: copy.size,
      sha256: copy.sha256,
    });
    expect(copy.key).toBe(`archive/${id}/${sha256(uploaded)}.pdf`);
    const bytes = await archived(copy.key);
    expect(sha256(bytes)).toBe(copy.sha256);
    // Nothing of the upload was rewritten: the seal is an incremental update after it.
    expect(Buffer.from(bytes.subarray(0, uploaded.byteLength)).equals(Buffer.from(uploaded))).toBe(true);
    expect(Date.parse(copy.timestampValidUntil)).toBeGreaterThan(Date.now() + 365 * 86_400_000);
    expect(record.renewBy).toBe(
      new Date(Date.parse(copy.timestampValidUntil) - 180 * 86_400_000).toISOString().slice(0, 10),
    );

    const checked = await report(id);
    const kinds = checked.signatures.map((s: { kind: string }) => s.kind);
    expect(kinds).toEqual(['signature', 'signature', 'signature', 'timestamp']);
    for (const s of checked.signatures.slice(0, 3)) {
      expect(s, s.signer).toMatchObject({ indication: 'TOTAL_PASSED', subIndication: null, level: 'B-LTA' });
    }
    expect(checked.signatures.map((s: { signer: string }) => s.signer).slice(0, 3)).toEqual([
      'Drs. Bramantyo Adiwinata',
      ...PARTNERS.map((p) => p.name),
    ]);
    // Each later signature and the seal are signatures or validation data: no page changed.
    for (const s of checked.signatures.slice(0, 3)) {
      expect(s.changesAfter, s.signer).toEqual({ kind: 'signatures' });
    }
  });

  it('is read as valid and trusted by pdfsig, its timestamp by openssl, its DSS by qpdf', async () => {
    const bytes = await archived(record.file.key);
    const checked = await pdfsig(bytes, rootPem());
    // Poppler reads no document timestamp (ETSI.RFC3161): it lists it as "unknown"; openssl checks it.
    expect(checked.at(-1)).toMatchObject({
      signer: 'Kerja Sama Local Timestamp Authority',
      subFilter: 'unknown',
    });
    const signatures = checked.slice(0, -1);
    expect(signatures).toHaveLength(3);
    for (const s of signatures) expect(s, s.signer).toMatchObject({ valid: true, trusted: true });
    const tsa = new LocalTimestampAuthority(stack.env.LOCAL_CA_DIR as string);
    expect(opensslAccepts(bytes, tsa.certificatePem)).toContain('Verification: OK');
    const dss = await dssOf(bytes);
    // Three signers, the TSA and the root; an OCSP answer for each signer and for the TSA.
    expect(dss.certs).toBeGreaterThanOrEqual(5);
    expect(dss.ocsps + dss.crls).toBeGreaterThanOrEqual(4);
  });

  it('tells the uploaded file, the archived copy and a changed byte apart', async () => {
    const copy = await archived(record.file.key);
    expect((await verify(copy)).json).toMatchObject({ matchesArchivedCopy: true, copy: 'archived' });
    expect((await verify(uploaded)).json).toMatchObject({
      matchesArchivedCopy: false,
      copy: 'uploaded',
      archived: { agreementId: id },
    });
    const changed = Buffer.from(copy);
    const at = changed.lastIndexOf('/Reason');
    changed[at + 10] = (changed[at + 10] ?? 0) ^ 1;
    const result = (await verify(changed)).json;
    expect(result).toMatchObject({ matchesArchivedCopy: false, copy: null });
    expect(result.signatures.some((s: { subIndication: string }) => s.subIndication === 'HASH_FAILURE')).toBe(
      true,
    );
  });

  it('archives nothing without a timestamp: the upload fails saying why, and the same file is archived once a TSA answers', async () => {
    const pks = await signedByRegion('pks');
    process.env.TSA_URLS = 'http://127.0.0.1:9/tsa';
    let failed: Awaited<ReturnType<typeof upload>>;
    try {
      failed = await upload(pks.id, pks.pdf);
    } finally {
      process.env.TSA_URLS = stack.env.TSA_URLS;
    }
    expect(failed).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('no timestamp authority answered to seal it for the archive'),
    });
    expect((await as('evaluator')('GET', `/api/archive/${pks.id}`)).status).toBe(404);
    const agreement = await as('biro.staf')('GET', `/api/agreements/${pks.id}`);
    expect(agreement.json.status).toBe('ready_to_sign');
    expect(await upload(pks.id, pks.pdf)).toMatchObject({ status: 'accepted' });
    const sealed = (await as('evaluator')('GET', `/api/archive/${pks.id}`)).json;
    expect(sealed.uploaded.sha256).toBe(sha256(pks.pdf));
    expect(sealed.copies).toHaveLength(1);
  });

  it('renews the seal before its timestamp certificate expires, beside the original, once the TSA has a newer certificate', async () => {
    const day = record.renewBy as string;
    // The same TSA still signs with the certificate that expires too soon: nothing is gained.
    const stale = await dailyJobOn(stack, day).run();
    expect(stale.renewals.renewed).toBe(0);
    expect(stale.renewals.failed).toContainEqual({
      agreementId: id,
      reason: expect.stringContaining('no later than the last timestamp'),
    });
    expect((await as('evaluator')('GET', `/api/archive/${id}`)).json.copies).toHaveLength(1);

    // The TSA's certificate renewed by the same CA.
    const rotated = mkdtempSync(join(work, 'tsa-'));
    copyFileSync(join(stack.env.LOCAL_CA_DIR as string, 'root-ca.json'), join(rotated, 'root-ca.json'));
    const tsa = new LocalTimestampAuthority(rotated, stack.baseUrl);
    const run = await dailyJobOn(stack, day, { timestamps: tsa, revocation: httpRevocationFetcher }).run();
    // This agreement's seal and any other archived in this file, all due by the same day.
    expect(run.renewals.failed).toEqual([]);
    expect(run.renewals.renewed).toBe(stale.renewals.failed.length);

    const renewed = (await as('evaluator')('GET', `/api/archive/${id}`)).json;
    expect(renewed.copies).toHaveLength(2);
    expect(renewed.copies[0]).toEqual(record.copies[0]);
    expect(renewed.copies[1].key).toBe(record.file.key.replace(/\.pdf$/, '.renewal-1.pdf'));
    expect(renewed.file.sha256).toBe(renewed.copies[1].sha256);
    expect(Date.parse(renewed.copies[1].timestampValidUntil)).toBeGreaterThan(
      Date.parse(record.copies[0].timestampValidUntil),
    );
    expect(renewed.renewBy >= record.renewBy).toBe(true);
    const original = await archived(record.file.key);
    expect(sha256(original)).toBe(record.file.sha256);
    const bytes = await archived(renewed.file.key);
    expect(Buffer.from(bytes.subarray(0, original.byteLength)).equals(Buffer.from(original))).toBe(true);
    expect(opensslAccepts(bytes, tsa.certificatePem)).toContain('Verification: OK');

    const checked = await report(id);
    const timestamps = checked.signatures.filter((s: { kind: string }) => s.kind === 'timestamp');
    expect(timestamps).toHaveLength(2);
    // The first seal is itself covered now, with its validation data: B-LTA.
    expect(timestamps[0]).toMatchObject({ indication: 'TOTAL_PASSED', level: 'B-LTA' });
    expect(timestamps[1]).toMatchObject({ indication: 'TOTAL_PASSED' });
    expect((await verify(bytes)).json).toMatchObject({ matchesArchivedCopy: true, copy: 'renewed' });
    const history = await as('biro.staf')('GET', `/api/agreements/${id}/history`);
    expect(history.json.events.at(-1)).toMatchObject({
      action: 'renew-archive-timestamp',
      documentSha256: renewed.file.sha256,
      actor: { sub: 'system:daily-job' },
    });
    expect(history.json.chainIntact).toBe(true);
  });

  it('seals again only the copy its record vouches for: a changed object is refused, named, and left as it is', async () => {
    const now = (await as('evaluator')('GET', `/api/archive/${id}`)).json;
    const last = now.copies.at(-1);
    // Past the object lock the cloud has: what the record's hash check alone stands against.
    await s3.send(
      new PutObjectCommand({ Bucket: stack.env.ARCHIVE_BUCKET, Key: last.key, Body: '%PDF-1.7 changed' }),
    );
    const run = await dailyJobOn(stack, now.renewBy).run();
    expect(run.renewals.failed).toContainEqual({
      agreementId: id,
      reason: expect.stringContaining('no longer has the SHA-256 its record names'),
    });
    const after = (await as('evaluator')('GET', `/api/archive/${id}`)).json;
    expect(after.copies).toEqual(now.copies);
  });
});
