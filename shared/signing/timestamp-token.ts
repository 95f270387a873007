import { createHash } from 'node:crypto';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { DIGESTS, signatureHolds, signerCertificate } from './cms.js';

const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_EXTENDED_KEY_USAGE = '2.5.29.37';
const OID_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

/** An RFC 3161 time-stamp token, read and checked against the bytes it says it covers. */
export interface TimestampToken {
  /** The time the authority attests (TSTInfo genTime). */
  time: Date;
  /** The token's imprint is the hash of the data, its signature holds, its certificate is a TSA's. */
  valid: boolean;
  /** The authority's certificate, and the other certificates the token carries (for its chain). */
  certificate?: pkijs.Certificate;
  signedData: pkijs.SignedData;
}

function isTimestampingCertificate(cert: pkijs.Certificate): boolean {
  const eku = cert.extensions?.find((e) => e.extnID === OID_EXTENDED_KEY_USAGE);
  const usages = (eku?.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? [];
  // RFC 3161 §2.3: the TSA's certificate has exactly this purpose, and the extension is critical.
  return Boolean(eku?.critical) && usages.length === 1 && usages[0] === OID_TIME_STAMPING;
}

/**
 * Reads a time-stamp token (a CMS SignedData over a TSTInfo) and checks it against `imprintOf`, the
 * hash of the data it is meant to cover in the algorithm the token names. Undefined when the bytes
 * are no time-stamp token at all; `valid: false` when they are one that does not hold.
 */
export function readTimestampToken(
  der: Uint8Array<ArrayBuffer>,
  imprintOf: (algorithm: string) => Buffer,
): TimestampToken | undefined {
  let signedData: pkijs.SignedData;
  let info: pkijs.TSTInfo;
  try {
    signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(der).content });
    const content = signedData.encapContentInfo;
    if (content.eContentType !== OID_TST_INFO || !content.eContent) return undefined;
    info = pkijs.TSTInfo.fromBER(content.eContent.getValue());
  } catch {
    return undefined;
  }
  const signerInfo = signedData.signerInfos[0];
  const certificate = signerInfo && signerCertificate(signedData, signerInfo);
  const token = { time: info.genTime, signedData, ...(certificate ? { certificate } : {}) };
  const imprintAlgorithm = DIGESTS[info.messageImprint.hashAlgorithm.algorithmId];
  const digest = signerInfo && DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  if (!signerInfo?.signedAttrs || !certificate || !imprintAlgorithm || !digest)
    return { ...token, valid: false };
  try {
    const claimed = signerInfo.signedAttrs.attributes.find((a) => a.type === OID_MESSAGE_DIGEST)?.values[0] as
      | asn1js.OctetString
      | undefined;
    const tstInfo = Buffer.from(signedData.encapContentInfo.eContent?.getValue() ?? new ArrayBuffer(0));
    const valid =
      claimed !== undefined &&
      createHash(digest).update(tstInfo).digest().equals(Buffer.from(claimed.valueBlock.valueHexView)) &&
      imprintOf(imprintAlgorithm).equals(
        Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView),
      ) &&
      isTimestampingCertificate(certificate) &&
      signatureHolds(signerInfo, certificate, digest, { attributes: signerInfo.signedAttrs.encodedValue });
    return { ...token, valid };
  } catch {
    return { ...token, valid: false };
  }
}
