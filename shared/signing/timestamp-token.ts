import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  attribute,
  commonName,
  DIGESTS,
  OID_CONTENT_TYPE,
  OID_MESSAGE_DIGEST,
  signatureHolds,
  signerCertificate,
} from './cms.js';

/** RFC 3161 and RFC 5280 identifiers a timestamp token is read by. */
export const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
export const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_EXT_KEY_USAGE = '2.5.29.37';
const OID_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

/** Digest algorithms a timestamp is asked for (libpdf's names) and their OIDs. */
export const DIGEST_OIDS = {
  'SHA-256': '2.16.840.1.101.3.4.2.1',
  'SHA-384': '2.16.840.1.101.3.4.2.2',
  'SHA-512': '2.16.840.1.101.3.4.2.3',
} as const;

/** What a timestamp token says and whether it holds, read without trusting the TSA that made it. */
export interface TimestampToken {
  /** The time the TSA vouches for. */
  genTime: Date;
  /** The TSA certificate's common name ('unknown' when the token does not carry it). */
  authority: string;
  /** The TSA's certificate, when the token carries it; the token's SignedData, for its chain. */
  certificate?: pkijs.Certificate;
  signedData: pkijs.SignedData;
  /** The nonce the TSA echoed, if any. */
  nonce?: bigint;
  /** The messageImprint is the digest expected (or the digest of the data, by the token's algorithm). */
  imprintMatches: boolean;
  /** The TSA's signature over the TSTInfo (through content-type and message-digest) holds. */
  signatureValid: boolean;
  /** The TSA certificate's only extended key usage is timeStamping, marked critical (RFC 3161 §2.3). */
  timeStampingCertificate: boolean;
}

/**
 * What the token must be over: a digest asked for, data hashed by the token's own algorithm, or
 * bytes hashed in place by it (a document timestamp's byte range, never copied).
 */
export type Covered =
  | { digest: Uint8Array; algorithmOid: string }
  | { data: Uint8Array }
  | { hashWith: (algorithm: string) => Uint8Array };

function timeStampingOnly(cert: pkijs.Certificate | undefined): boolean {
  const eku = cert?.extensions?.find((e) => e.extnID === OID_EXT_KEY_USAGE);
  const purposes = (eku?.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? [];
  return Boolean(eku?.critical) && purposes.length === 1 && purposes[0] === OID_TIME_STAMPING;
}

/** The SignedData of a TimeStampToken (a ContentInfo), or undefined when the bytes are not one. */
function signedDataOf(der: Uint8Array): pkijs.SignedData | undefined {
  try {
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(der));
    if (info.contentType !== OID_SIGNED_DATA) return;
    const signedData = new pkijs.SignedData({ schema: info.content });
    return signedData.encapContentInfo.eContentType === OID_TST_INFO ? signedData : undefined;
  } catch {
    return;
  }
}

function imprintMatches(imprint: pkijs.MessageImprint, covered: Covered): boolean {
  const algorithm = imprint.hashAlgorithm.algorithmId;
  const hashed = Buffer.from(imprint.hashedMessage.valueBlock.valueHexView);
  if ('digest' in covered) return algorithm === covered.algorithmOid && hashed.equals(covered.digest);
  const name = DIGESTS[algorithm];
  if (name === undefined) return false;
  return hashed.equals(
    'data' in covered ? createHash(name).update(covered.data).digest() : covered.hashWith(name),
  );
}

/** The TSA's signature: content-type TSTInfo, message-digest of the TSTInfo, the signature over them. */
function tsaSignatureHolds(signedData: pkijs.SignedData, content: Uint8Array, cert: pkijs.Certificate) {
  const signerInfo = signedData.signerInfos[0];
  const digest = signerInfo && DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  if (!signerInfo?.signedAttrs || !digest) return false;
  const type = attribute(signerInfo, OID_CONTENT_TYPE)?.values[0] as asn1js.ObjectIdentifier | undefined;
  const claimed = attribute(signerInfo, OID_MESSAGE_DIGEST)?.values[0] as asn1js.OctetString | undefined;
  try {
    return (
      type?.valueBlock.toString() === OID_TST_INFO &&
      claimed !== undefined &&
      createHash(digest).update(content).digest().equals(Buffer.from(claimed.valueBlock.valueHexView)) &&
      signatureHolds(signerInfo, cert, digest, { attributes: signerInfo.signedAttrs.encodedValue })
    );
  } catch {
    return false;
  }
}

/**
 * Reads a DER TimeStampToken and checks it against what it should cover: the imprint (digest and
 * algorithm), the TSA's signature over the TSTInfo and the TSA certificate's extended key usage.
 * Whether that certificate is trusted is the caller's question (cloud TSAs and the local one chain
 * to different roots). Undefined when the bytes are no timestamp token.
 */
export async function readTimestampToken(
  der: Uint8Array,
  covered: Covered,
): Promise<TimestampToken | undefined> {
  const signedData = signedDataOf(der);
  const eContent = signedData?.encapContentInfo.eContent;
  if (!signedData || !eContent) return;
  const content = new Uint8Array(eContent.getValue());
  let tstInfo: pkijs.TSTInfo;
  try {
    tstInfo = pkijs.TSTInfo.fromBER(content);
  } catch {
    return;
  }
  const signerInfo = signedData.signerInfos[0];
  const certificate = signerInfo && signerCertificate(signedData, signerInfo);
  return {
    genTime: tstInfo.genTime,
    authority: commonName(certificate),
    ...(certificate ? { certificate } : {}),
    signedData,
    ...(tstInfo.nonce ? { nonce: tstInfo.nonce.toBigInt() } : {}),
    imprintMatches: imprintMatches(tstInfo.messageImprint, covered),
    signatureValid: certificate !== undefined && tsaSignatureHolds(signedData, content, certificate),
    timeStampingCertificate: timeStampingOnly(certificate),
  };
}

/** PKIFailureInfo bits (RFC 3161 §2.4.2), by position. */
const FAILURES: Record<number, string> = {
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
};

/** A TimeStampResp: the TSA's status, why it failed, and the token when it granted one. */
export interface TimestampReply {
  status: pkijs.PKIStatus;
  failures: string[];
  statusText?: string;
  token?: Uint8Array;
}

/** Reads a DER TimeStampResp; undefined when the bytes are not one. */
export function readTimestampReply(der: Uint8Array): TimestampReply | undefined {
  try {
    const reply = pkijs.TimeStampResp.fromBER(new Uint8Array(der));
    const statusText = reply.status.statusStrings?.map((s) => s.valueBlock.value).join('; ');
    const bits = reply.status.failInfo?.valueBlock.valueHexView ?? new Uint8Array();
    const failures = Object.entries(FAILURES)
      .filter(([bit]) => ((bits[Math.floor(Number(bit) / 8)] ?? 0) >> (7 - (Number(bit) % 8))) & 1)
      .map(([, name]) => name);
    return {
      status: reply.status.status,
      failures,
      ...(statusText ? { statusText } : {}),
      ...(reply.timeStampToken ? { token: new Uint8Array(reply.timeStampToken.toSchema().toBER()) } : {}),
    };
  } catch {
    return;
  }
}

/** An RFC 3161 request for a timestamp over `digest`, asking for the TSA's certificate in the token. */
export function timestampRequest(
  digest: Uint8Array,
  algorithmOid: string,
  nonce: bigint,
): Uint8Array<ArrayBuffer> {
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: algorithmOid,
        algorithmParams: new asn1js.Null(),
      }),
      hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(digest) }),
    }),
    nonce: asn1js.Integer.fromBigInt(nonce),
    certReq: true,
  });
  return new Uint8Array(request.toSchema().toBER());
}
