import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { httpRevocationFetcher } from '../../shared/adapters/http-revocation.js';
import { LocalSigningKeys } from '../../shared/adapters/local/local-signing-keys.js';
import { LocalTimestampAuthority } from '../../shared/adapters/local/local-timestamp-authority.js';
import { HttpTimestampAuthorities } from '../../shared/adapters/tsa/http-timestamp-authorities.js';
import { composeDocument } from '../../shared/documents/compose.js';
import { type RenderedPdf, renderPdf } from '../../shared/documents/pdf.js';
import { UnavailableError } from '../../shared/errors.js';
import { parseAgreementForm } from '../../shared/form/agreement-form.js';
import type { Identity } from '../../shared/identity/identity.js';
import type { TimestampAuthority } from '../../shared/ports/timestamps.js';
import { signPdf } from '../../shared/signing/pades.js';
import { signatureReport } from '../../shared/signing/report.js';
import { DIGEST_OIDS, readTimestampReply, timestampRequest } from '../../shared/signing/timestamp-token.js';
import { contentsDer, verifyPdfSignatures } from '../../shared/signing/verify.js';
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { localSigningKeys } from '../support/local-ca.js';
import { pdfsig } from '../support/pdfsig.js';
import { sample } from '../support/samples.js';
import { faultyTsa, type TestTsa } from '../support/tsa-servers.js';

const dir = mkdtempSync(join(tmpdir(), 'tsa-'));
const work = mkdtempSync(join(tmpdir(), 'tsa-files-'));
const keys = localSigningKeys(dir);
const local = new LocalTimestampAuthority(dir);
const sha256 = (text: string) =>
  new Uint8Array(execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: text }));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/** openssl's `ts -verify` of a reply (or, with `token`, a bare token) over a digest, against the local root. */
function opensslVerify(der: Uint8Array, digestHex: string, token = false) {
  const file = join(work, `in-${Math.random().toString(36).slice(2)}.der`);
  writeFileSync(file, der);
  writeFileSync(join(work, 'root.pem'), keys.rootCertificatePem);
  writeFileSync(join(work, 'tsa.pem'), local.certificatePem);
  const args = ['ts', '-verify', '-in', file, ...(token ? ['-token_in'] : []), '-digest', digestHex];
  return spawnSync(
    'openssl',
    [...args, '-CAfile', join(work, 'root.pem'), '-untrusted', join(work, 'tsa.pem')],
    {
      encoding: 'utf8',
    },
  );
}

const opensslText = (reply: Uint8Array) => {
  const file = join(work, 'reply.tsr');
  writeFileSync(file, reply);
  return execFileSync('openssl', ['ts', '-reply', '-in', file, '-text'], { encoding: 'utf8' });
};

describe('the local timestamp authority', () => {
  it('answers with tokens openssl verifies against the local root, echoing the nonce', async () => {
    const digest = sha256('the signature value');
    const reply = await local.reply(timestampRequest(digest, DIGEST_OIDS['SHA-256'], 987654321n));
    const verified = opensslVerify(reply, hex(digest));
    expect(verified.stdout + verified.stderr).toContain('Verification: OK');
    expect(verified.status).toBe(0);
    const text = opensslText(reply);
    expect(text).toContain('Status: Granted.');
    expect(text).toContain('Policy OID: 1.3.6.1.4.1.32473.1.3161.1');
    expect(text).toContain('Hash Algorithm: sha256');
    expect(text).toMatch(/Nonce: 0x3ADE68B1/i);
    expect(text).toMatch(/Accuracy: 0x01 seconds/);
    // The bare token too, as it sits in a signature.
    const token = readTimestampReply(reply)?.token as Uint8Array;
    expect(opensslVerify(token, hex(digest), true).status).toBe(0);
    // Not for another digest.
    const other = opensslVerify(reply, hex(sha256('another value')));
    expect(other.status).not.toBe(0);
    expect(other.stdout + other.stderr).toContain('message imprint mismatch');
  });

  it('signs with a certificate limited to time-stamping (critical) and binds it by ESSCertIDv2', async () => {
    const certFile = join(work, 'tsa-cert.pem');
    writeFileSync(certFile, local.certificatePem);
    const cert = execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-text'], { encoding: 'utf8' });
    expect(cert).toMatch(/X509v3 Extended Key Usage: critical\s+Time Stamping\s*\n/);
    const reply = await local.reply(timestampRequest(sha256('x'), DIGEST_OIDS['SHA-256'], 7n));
    const token = readTimestampReply(reply)?.token as Uint8Array;
    writeFileSync(join(work, 'token.der'), token);
    const cms = execFileSync(
      'openssl',
      ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', join(work, 'token.der')],
      {
        encoding: 'utf8',
      },
    );
    expect(cms).toContain('id-smime-aa-signingCertificateV2');
    expect(cms).toContain('id-smime-ct-TSTInfo');
  });

  it('includes its certificate only when the request asks (certReq)', async () => {
    const request = pkijs.TimeStampReq.fromBER(timestampRequest(sha256('y'), DIGEST_OIDS['SHA-256'], 9n));
    request.certReq = false;
    const without = readTimestampReply(await local.reply(new Uint8Array(request.toSchema().toBER())));
    const signedData = (der: Uint8Array) =>
      new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(new Uint8Array(der)).content });
    expect(signedData(without?.token as Uint8Array).certificates ?? []).toHaveLength(0);
    const withCert = readTimestampReply(
      await local.reply(timestampRequest(sha256('y'), DIGEST_OIDS['SHA-256'], 9n)),
    );
    expect(signedData(withCert?.token as Uint8Array).certificates).toHaveLength(1);
  });

  it('rejects what is not a usable request, saying why', async () => {
    expect(readTimestampReply(await local.reply(new Uint8Array([1, 2, 3])))).toMatchObject({
      status: 2,
      failures: ['badRequest'],
    });
    const shortImprint = timestampRequest(new Uint8Array(20), DIGEST_OIDS['SHA-256'], 1n);
    expect(readTimestampReply(await local.reply(shortImprint))).toMatchObject({
      status: 2,
      failures: ['badDataFormat'],
    });
    const unknownHash = timestampRequest(new Uint8Array(32), '1.2.3.4', 1n);
    expect(readTimestampReply(await local.reply(unknownHash))).toMatchObject({
      status: 2,
      failures: ['badAlg'],
    });
  });
});

describe('the TSAs asked over HTTP', () => {
  const servers: TestTsa[] = [];
  const start = async (server: Promise<TestTsa>) => {
    const started = await server;
    servers.push(started);
    return started;
  };
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });
  const digest = sha256('a signature value');

  async function refusal(urls: string[], timeoutMs = 2000): Promise<UnavailableError> {
    const error = await new HttpTimestampAuthorities(urls, { timeoutMs })
      .timestamp(digest, 'SHA-256')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    return error as UnavailableError;
  }

  it('returns a checked token from a working TSA', async () => {
    const tsa = await start(faultyTsa.working(local));
    const token = await new HttpTimestampAuthorities([tsa.url], { timeoutMs: 2000 }).timestamp(
      digest,
      'SHA-256',
    );
    expect(opensslVerify(token, hex(digest), true).status).toBe(0);
  });

  it('gives up on a TSA that does not answer in time, naming the timeout', async () => {
    const tsa = await start(faultyTsa.silent());
    const started = Date.now();
    const error = await refusal([tsa.url], 300);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.text?.en).toContain(`${tsa.url}: did not answer within 0.3 s`);
    expect(error.text?.id).toContain('tidak menjawab dalam 0.3 detik');
    expect(error.text?.en).toContain('Nothing was saved and the signing step stays open');
  });

  it('refuses a rejection, an HTTP error, a token for another hash, an oversized and a replayed reply', async () => {
    const rejecting = await start(faultyTsa.rejecting(local));
    expect((await refusal([rejecting.url])).text?.en).toContain(
      `${rejecting.url}: refused the request (rejection, badAlg, unsupported hash algorithm)`,
    );
    const failing = await start(faultyTsa.httpError());
    expect((await refusal([failing.url])).text?.en).toContain(`${failing.url}: answered HTTP 500`);
    const other = await start(faultyTsa.otherHash(local));
    expect((await refusal([other.url])).text?.en).toContain(`${other.url}: gave a token for another hash`);
    const oversized = await start(faultyTsa.oversized());
    expect((await refusal([oversized.url])).text?.en).toContain(`${oversized.url}: its reply is too large`);
    const replaying = await start(faultyTsa.replaying(local));
    await new HttpTimestampAuthorities([replaying.url], { timeoutMs: 2000 }).timestamp(digest, 'SHA-256');
    expect((await refusal([replaying.url])).text?.en).toContain(`${replaying.url}: did not echo our nonce`);
  });

  it('refuses a token whose TSA certificate is not limited to time-stamping', async () => {
    // A TSA signing with a signer's certificate (email protection, not time-stamping).
    const other = mkdtempSync(join(tmpdir(), 'tsa-bad-'));
    try {
      await new LocalSigningKeys(other).signerFor(DEMO_USERS[0] as Identity);
      const signerFile = readdirSync(other).find((f) => f.startsWith('signer-')) as string;
      copyFileSync(join(other, signerFile), join(other, 'tsa.json'));
      const tsa = await start(faultyTsa.working(new LocalTimestampAuthority(other)));
      expect((await refusal([tsa.url])).text?.en).toContain(
        `${tsa.url}: its certificate is not limited to time-stamping`,
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('asks the TSAs in order: an unreachable first, a working second', async () => {
    const gone = await start(faultyTsa.working(local));
    await gone.close();
    const second = await start(faultyTsa.working(local));
    const third = await start(faultyTsa.working(local));
    const token = await new HttpTimestampAuthorities([gone.url, second.url, third.url], {
      timeoutMs: 2000,
    }).timestamp(digest, 'SHA-256');
    expect(opensslVerify(token, hex(digest), true).status).toBe(0);
    expect([second.requests(), third.requests()]).toEqual([1, 0]);
    // With none left, every URL is named with its reason.
    const error = await refusal([gone.url]);
    expect(error.text?.en).toContain(`${gone.url}: could not be reached`);
  });
});

describe('B-T signatures', () => {
  let rendered: RenderedPdf;
  // Two people: NSS (pdfsig) does not trust a second signature by the same certificate, B-B or B-T.
  const signers = ['gubernur', 'sekda'].map(
    (name) => DEMO_USERS.find((u) => u.username === name) as Identity,
  );
  beforeAll(async () => {
    rendered = await renderPdf(
      composeDocument(parseAgreementForm(sample('mou')), BUILTIN_TEMPLATES.MOU, { documentNumber: '1/TSA' }),
    );
  });

  const sign = async (bytes: Uint8Array, party: number, timestamps: TimestampAuthority) =>
    signPdf(bytes, {
      signer: await keys.signerFor(signers[party] as Identity),
      timestamps,
      revocation: httpRevocationFetcher,
      visible: {
        box: rendered.signatureBoxes[party] as RenderedPdf['signatureBoxes'][number],
        name: (signers[party] as Identity).name,
        capacity: ['Penandatangan'],
        verificationUrl: 'http://127.0.0.1:3000/verify/x',
      },
      fieldName: `party-${party}`,
      reason: 'Penandatanganan',
      location: 'Semarang',
      signingTime: new Date('2026-11-24T03:00:00Z'),
    });

  /** Each signature's CMS, as openssl prints it, and its signature timestamp token checked by openssl. */
  function cmsOf(pdf: Uint8Array): { printed: string; tokenVerified: boolean }[] {
    const text = Buffer.from(pdf).toString('latin1');
    return [...text.matchAll(/\/Contents\s*<([0-9a-fA-F]+)>/g)].map((m, i) => {
      const der = contentsDer(Buffer.from(m[1] as string, 'hex'));
      const file = join(work, `sig-${i}.der`);
      writeFileSync(file, der);
      const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file], {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      });
      const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(der).content });
      const info = signedData.signerInfos[0] as pkijs.SignerInfo;
      const token = info.unsignedAttrs?.attributes[0]?.values[0]?.toBER() as ArrayBuffer;
      writeFileSync(join(work, 'value.bin'), info.signature.valueBlock.valueHexView);
      writeFileSync(join(work, 'sig-token.der'), new Uint8Array(token));
      const verified = spawnSync('openssl', [
        'ts',
        '-verify',
        '-token_in',
        '-in',
        join(work, 'sig-token.der'),
        '-data',
        join(work, 'value.bin'),
        '-CAfile',
        join(work, 'root.pem'),
        '-untrusted',
        join(work, 'tsa.pem'),
      ]);
      return { printed, tokenVerified: verified.status === 0 };
    });
  }

  it('carries a signature timestamp over each signature value: openssl verifies it, pdfsig still trusts', async () => {
    writeFileSync(join(work, 'root.pem'), keys.rootCertificatePem);
    writeFileSync(join(work, 'tsa.pem'), local.certificatePem);
    const tsa = await faultyTsa.working(local);
    try {
      const http = new HttpTimestampAuthorities([tsa.url], { timeoutMs: 2000 });
      const once = await sign(rendered.bytes, 0, http);
      const twice = await sign(once, 1, http);
      const cms = cmsOf(twice);
      expect(cms).toHaveLength(2);
      for (const { printed, tokenVerified } of cms) {
        expect(printed).toContain('id-smime-aa-timeStampToken');
        expect(tokenVerified).toBe(true);
      }
      expect(await pdfsig(twice, keys.rootCertificatePem)).toMatchObject([
        { valid: true, trusted: true },
        { valid: true, trusted: true },
      ]);
      const checks = await verifyPdfSignatures(twice, [keys.rootCertificatePem]);
      for (const check of checks) {
        expect(check).toMatchObject({
          valid: true,
          trusted: true,
          timestamp: { authority: 'Kerja Sama Local Timestamp Authority', valid: true, trusted: true },
        });
        expect(check.signedAt).toBe('2026-11-24T03:00:00.000Z');
      }
      // The proven time is the TSA's (now), not the claimed signing time.
      const reported = await signatureReport(twice, [keys.rootCertificatePem], { now: new Date() });
      for (const [i, s] of reported.entries()) {
        expect(s.provenTime).toBe(checks[i]?.timestamp?.time);
        expect(Math.abs(Date.parse(s.provenTime as string) - Date.now())).toBeLessThan(60_000);
        // The OCSP answers of the signers' certificates are in the document security store.
        expect(s).toMatchObject({ claimedTime: '2026-11-24T03:00:00.000Z', level: 'B-LT' });
      }
      // Without the TSA's root the timestamp is valid but proves nothing.
      const [untrusted] = await verifyPdfSignatures(once, []);
      expect(untrusted?.timestamp).toMatchObject({ valid: true, trusted: false });
      const [unproven] = await signatureReport(once, [], { now: new Date() });
      expect(unproven?.provenTime).toBeNull();
    } finally {
      await tsa.close();
    }
  });

  it('gives no proven time for a timestamp over something else than the signature value', async () => {
    const elsewhere: TimestampAuthority = {
      timestamp: (_digest, algorithm) => local.timestamp(sha256('not this signature'), algorithm),
    };
    const signed = await sign(rendered.bytes, 0, elsewhere);
    const [check] = await verifyPdfSignatures(signed, [keys.rootCertificatePem]);
    expect(check).toMatchObject({ valid: true, trusted: true, timestamp: { valid: false, trusted: false } });
    const [reported] = await signatureReport(signed, [keys.rootCertificatePem], { now: new Date() });
    expect(reported).toMatchObject({ provenTime: null, level: 'B-B' });
  });

  it('signs nothing when no TSA answers', async () => {
    const tsa = await faultyTsa.httpError();
    try {
      await expect(
        sign(rendered.bytes, 0, new HttpTimestampAuthorities([tsa.url], { timeoutMs: 2000 })),
      ).rejects.toBeInstanceOf(UnavailableError);
    } finally {
      await tsa.close();
    }
  });
});
