import {
  constants,
  createHash,
  createPublicKey,
  createVerify,
  verify as verifySignature,
  webcrypto,
} from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { pemToDer } from './pem.js';

/*
 * CMS (RFC 5652) checks shared by the PDF signatures' verifier and the timestamp tokens' reader,
 * done with Node's crypto rather than trusting the library that wrote the structure.
 */
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as never }));

const OID_COMMON_NAME = '2.5.4.3';
export const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
export const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
export const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
export const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
/** Signature algorithms by OID: RSA PKCS#1 v1.5 (the digest named apart or in the OID), ECDSA, RSA-PSS. */
const SIGNATURES: Record<string, { digest?: string; kind: 'rsa' | 'ecdsa' | 'pss' }> = {
  '1.2.840.113549.1.1.1': { kind: 'rsa' },
  '1.2.840.113549.1.1.5': { digest: 'sha1', kind: 'rsa' },
  '1.2.840.113549.1.1.11': { digest: 'sha256', kind: 'rsa' },
  '1.2.840.113549.1.1.12': { digest: 'sha384', kind: 'rsa' },
  '1.2.840.113549.1.1.13': { digest: 'sha512', kind: 'rsa' },
  '1.2.840.10045.4.3.2': { digest: 'sha256', kind: 'ecdsa' },
  '1.2.840.10045.4.3.3': { digest: 'sha384', kind: 'ecdsa' },
  '1.2.840.10045.4.3.4': { digest: 'sha512', kind: 'ecdsa' },
  '1.2.840.113549.1.1.10': { kind: 'pss' },
};

export type Range = [number, number, number, number];

export function certificateFromPem(pem: string): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new Uint8Array(pemToDer(pem)));
}

export function commonName(cert: pkijs.Certificate | undefined): string {
  const cn = cert?.subject.typesAndValues.find((t) => t.type === OID_COMMON_NAME);
  return cn ? String(cn.value.valueBlock.value) : 'unknown';
}

export const attribute = (signerInfo: pkijs.SignerInfo | undefined, oid: string) =>
  signerInfo?.signedAttrs?.attributes.find((a) => a.type === oid);

export function signingTime(signerInfo: pkijs.SignerInfo | undefined): string | undefined {
  const value = attribute(signerInfo, OID_SIGNING_TIME)?.values[0] as
    | asn1js.UTCTime
    | asn1js.GeneralizedTime
    | undefined;
  return value?.toDate().toISOString();
}

/**
 * The CMS bytes of a /Contents string. The placeholder is padded with zeros after them, so their
 * own DER length says where they end: a signature may itself end in zero bytes.
 */
export function contentsDer(padded: Uint8Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(padded);
  const { offset } = asn1js.fromBER(bytes);
  return offset === -1 ? bytes : bytes.slice(0, offset);
}

/** The digest of the signed bytes, hashed where they lie: no part of the file is copied. */
export function digestOf(algorithm: string, bytes: Uint8Array, [a, b, c, d]: Range): Buffer {
  return createHash(algorithm)
    .update(bytes.subarray(a, a + b))
    .update(bytes.subarray(c, c + d))
    .digest();
}

/** The certificate the signer info names, by issuer and serial number or by subject key identifier. */
export function signerCertificate(signedData: pkijs.SignedData, signerInfo: pkijs.SignerInfo) {
  const certificates = (signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const sid = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  }
  // A subject key identifier: [0] IMPLICIT OCTET STRING, possibly read as a constructed value.
  const block = (sid.idBlock.isConstructed ? sid.valueBlock.value[0] : sid) as asn1js.OctetString | undefined;
  const keyId = Buffer.from(block?.valueBlock.valueHexView ?? []);
  return certificates.find((c) =>
    createHash('sha1')
      .update(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
      .digest()
      .equals(keyId),
  );
}

/** The signer's signature over the signed attributes (or, without them, over the signed bytes). */
export function signatureHolds(
  signerInfo: pkijs.SignerInfo,
  cert: pkijs.Certificate,
  digest: string,
  signed: { attributes: ArrayBuffer } | { bytes: Uint8Array; range: Range },
): boolean {
  const algorithm = SIGNATURES[signerInfo.signatureAlgorithm.algorithmId];
  if (!algorithm) return false;
  const key = createPublicKey({
    key: Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER()),
    format: 'der',
    type: 'spki',
  });
  const signature = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
  if (!('attributes' in signed)) {
    // Without signed attributes the signature is over the bytes themselves: verified as they are hashed.
    if (algorithm.kind !== 'rsa') return false;
    const [a, b, c, d] = signed.range;
    return createVerify(algorithm.digest ?? digest)
      .update(signed.bytes.subarray(a, a + b))
      .update(signed.bytes.subarray(c, c + d))
      .verify(key, signature);
  }
  const data = new Uint8Array(signed.attributes);
  if (algorithm.kind === 'pss') {
    const params = new pkijs.RSASSAPSSParams({ schema: signerInfo.signatureAlgorithm.algorithmParams });
    const hash = DIGESTS[params.hashAlgorithm.algorithmId];
    if (!hash) return false;
    return verifySignature(
      hash,
      data,
      {
        key,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: params.saltLength,
      },
      signature,
    );
  }
  return verifySignature(algorithm.digest ?? digest, data, key, signature);
}

export const certificatesOf = (signedData: pkijs.SignedData | undefined): pkijs.Certificate[] =>
  (signedData?.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);

/**
 * The path from a certificate (through the certificates a CMS carries) to a trusted root, the
 * certificate first; empty when there is none. Checked as of the certificate's own validity, so that
 * an expired certificate still shows its chain: whether it was valid when it signed is the report's
 * question.
 */
export async function pathToRoot(
  carried: pkijs.Certificate[],
  cert: pkijs.Certificate,
  roots: pkijs.Certificate[],
): Promise<pkijs.Certificate[]> {
  if (!roots.length) return [];
  // The engine validates the last certificate it is given.
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: roots,
    certs: [...carried.filter((c) => c !== cert), cert],
    checkDate: new Date(Math.min(Date.now(), cert.notAfter.value.getTime())),
  });
  const path = await engine.verify().then(
    (result) => (result.result ? (result.certificatePath ?? []) : []),
    () => [],
  );
  // The engine's path comes in its own order: walked here from the certificate to its root.
  const ordered = path.length ? [cert] : [];
  for (let last = cert; ordered.length < path.length; ) {
    const issuer = path.find((c) => !ordered.includes(c) && c.subject.isEqual(last.issuer));
    if (!issuer) break;
    ordered.push(issuer);
    last = issuer;
  }
  return ordered;
}
