/**
 * REFERENCE ONLY: the signature verifier as it was before issue 11 (byte regexes, pdf-lib's unbounded parse,
 * copies of the signed bytes). `npm run bench` measures it beside the current one in the same run
 * to print their ratio; nothing in the product imports it.
 */
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** One signature found in a PDF, checked against the bytes it covers. */
export interface SignatureCheck {
  signer: string;
  /** The signing time the signer claimed (not a trusted timestamp). */
  signedAt?: string;
  /** The CMS signature matches the signed bytes and the signer's certificate. */
  valid: boolean;
  /** The signer's certificate chains to one of the trusted roots given. */
  trusted: boolean;
  /** Carries the signing-certificate-v2 attribute PAdES B-B requires (binding the signer's certificate). */
  signingCertificateV2: boolean;
  /** Whether this signature covers the file up to its end (true only for the last one). */
  coversWholeDocument: boolean;
  byteRange: [number, number, number, number];
}

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as never }));

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
const OID_COMMON_NAME = '2.5.4.3';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

function certificateFromPem(pem: string): pkijs.Certificate {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  return pkijs.Certificate.fromBER(new Uint8Array(der));
}

function commonName(cert: pkijs.Certificate | undefined): string {
  const cn = cert?.subject.typesAndValues.find((t) => t.type === OID_COMMON_NAME);
  return cn ? String(cn.value.valueBlock.value) : 'unknown';
}

function signingTime(signedData: pkijs.SignedData): string | undefined {
  const attribute = signedData.signerInfos[0]?.signedAttrs?.attributes.find(
    (a) => a.type === OID_SIGNING_TIME,
  );
  const value = attribute?.values[0] as asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
  return value?.toDate().toISOString();
}

/**
 * The CMS bytes in a /Contents hex string. The placeholder is padded with zeros after them, so their
 * own DER length says where they end: a signature may itself end in zero bytes.
 */
export function contentsDer(hexString: Uint8Array): Uint8Array<ArrayBuffer> {
  const hex = Buffer.from(hexString)
    .toString('latin1')
    .replace(/[<>\s]/g, '');
  const padded = new Uint8Array(Buffer.from(hex, 'hex'));
  const { offset } = asn1js.fromBER(padded);
  return offset === -1 ? padded : padded.slice(0, offset);
}

async function check(
  bytes: Uint8Array,
  range: [number, number, number, number],
  roots: pkijs.Certificate[],
): Promise<SignatureCheck> {
  const [a, b, c, d] = range;
  const base = { byteRange: range, coversWholeDocument: c + d === bytes.length };
  const joined = Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]);
  const signed = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength) as ArrayBuffer;
  let signedData: pkijs.SignedData;
  try {
    signedData = new pkijs.SignedData({
      schema: pkijs.ContentInfo.fromBER(contentsDer(bytes.subarray(a + b, c))).content,
    });
  } catch {
    return { ...base, signer: 'unknown', valid: false, trusted: false, signingCertificateV2: false };
  }
  const signingCertificateV2 = Boolean(
    signedData.signerInfos[0]?.signedAttrs?.attributes.some((a) => a.type === OID_SIGNING_CERTIFICATE_V2),
  );
  const signerCert = signedData.certificates?.find(
    (cert): cert is pkijs.Certificate => cert instanceof pkijs.Certificate,
  );
  const at = signingTime(signedData);
  // pkijs rejects (rather than answers false) on a digest mismatch: either way the signature is invalid.
  const verify = (chain: boolean) =>
    signedData
      .verify({ signer: 0, data: signed, checkChain: chain, ...(chain ? { trustedCerts: roots } : {}) })
      .catch(() => false);
  // A signature that verifies up to a trusted root is valid too: one check in the common case.
  const trusted = roots.length > 0 && (await verify(true));
  const valid = trusted || (await verify(false));
  return {
    ...base,
    signer: commonName(signerCert),
    ...(at ? { signedAt: at } : {}),
    valid,
    trusted,
    signingCertificateV2,
  };
}

/**
 * Every signature of a PDF, each checked independently of the library that wrote it: the bytes its
 * ByteRange covers are hashed and compared with the CMS signature (PAdES / adbe.pkcs7.detached).
 */
export async function verifyPdfSignatures(
  bytes: Uint8Array,
  trustedRootsPem: string[] = [],
): Promise<SignatureCheck[]> {
  const roots = trustedRootsPem.map(certificateFromPem);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const ranges: [number, number, number, number][] = [];
  for (const m of text.matchAll(BYTE_RANGE)) {
    const range = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [
      number,
      number,
      number,
      number,
    ];
    const [a, b, c, d] = range;
    // Placeholders and ranges outside the file are not signatures.
    if (b > 0 && c > a + b && c + d <= bytes.length) ranges.push(range);
  }
  return Promise.all(ranges.map((r) => check(bytes, r, roots)));
}
