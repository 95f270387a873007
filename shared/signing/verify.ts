import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type ChangesAfter, changesAfter } from '../pdf/changes.js';
import { type PdfDict, PdfLimitError, PdfRef, PdfString, type PdfValue } from '../pdf/objects.js';
import { PdfFile, type Revision } from '../pdf/reader.js';
import {
  attribute,
  chainsToRoot,
  commonName,
  DIGESTS,
  OID_CONTENT_TYPE,
  OID_MESSAGE_DIGEST,
  OID_SIGNING_CERTIFICATE_V2,
  OID_SIGNING_TIME,
  type Range,
  signatureHolds,
  signerCertificate,
} from './cms.js';
import { readTimestampToken } from './timestamp-token.js';

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
  /** Whether this signature covers the file up to its end. */
  coversWholeDocument: boolean;
  /** What the incremental updates after this signature change (`none` when it covers the file). */
  changesAfter: ChangesAfter;
  byteRange: [number, number, number, number];
  /** The signature timestamp (PAdES B-T) over this signature's value, when the signature carries one. */
  timestamp?: SignatureTimestamp;
  /** When the signature is proven to have existed: its timestamp's time, if that is valid and trusted. */
  provenTime?: string;
}

export interface SignatureTimestamp {
  /** The time the timestamp authority vouches for. */
  time: string;
  /** The TSA certificate's common name. */
  authority: string;
  /** The token covers this signature's value, its TSA signature holds, the TSA may time-stamp. */
  valid: boolean;
  /** The TSA's certificate chains to one of the trusted roots given. */
  trusted: boolean;
}

const OID_SIGNATURE_TIMESTAMP = '1.2.840.113549.1.9.16.2.14';

/** A file signed by every party, with timestamps, has a handful; more is an attempt to make us work. */
export const MAX_SIGNATURES = 20;
/** A CMS with its chain and revocation data is tens of KB; libpdf reserves 12 KB. */
const MAX_CMS_BYTES = 512 * 1024;
/** All signatures together hash at most this (each range is hashed in place, never copied). */
const MAX_HASHED_BYTES = 512 * 1024 * 1024;

function certificateFromPem(pem: string): pkijs.Certificate {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  return pkijs.Certificate.fromBER(new Uint8Array(der));
}

function signingTime(signerInfo: pkijs.SignerInfo | undefined): string | undefined {
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
function digestOf(algorithm: string, bytes: Uint8Array, [a, b, c, d]: Range): Buffer {
  return createHash(algorithm)
    .update(bytes.subarray(a, a + b))
    .update(bytes.subarray(c, c + d))
    .digest();
}

/** A signature dictionary's byte range, when it is four integers around exactly its /Contents string. */
function rangeOf(sig: PdfDict, revision: Revision, size: number): Range | undefined {
  const range = revision.array(sig.get('ByteRange'));
  const contents = sig.get('Contents');
  if (range?.length !== 4 || !range.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) return;
  const [a, b, c, d] = range as Range;
  // The gap is the /Contents string itself, read from the file (not from an object stream).
  if (!(contents instanceof PdfString) || contents.start < 0) return;
  if (a !== 0 || b !== contents.start || c !== contents.end || c + d > size) return;
  return [a, b, c, d];
}

/** What follows a signature; updates too damaged to read count as changed content. */
function laterChanges(pdf: PdfFile, end: number): ChangesAfter {
  try {
    return changesAfter(pdf, end);
  } catch (error) {
    if (error instanceof PdfLimitError) throw error;
    return { kind: 'content' };
  }
}

interface Found {
  sig: PdfDict;
  range?: Range;
}

/** Signature dictionaries, through the form's signature fields (their /V), each counted once. */
function signaturesOf(pdf: PdfFile): Found[] {
  const revision = pdf.final;
  const acroForm = revision.dict(revision.catalog?.get('AcroForm'));
  const stack: { field: PdfValue; type?: string }[] = (revision.array(acroForm?.get('Fields')) ?? []).map(
    (field) => ({ field }),
  );
  const seen = new Set<number>();
  const found: Found[] = [];
  while (stack.length) {
    const { field, type: inherited } = stack.pop() as { field: PdfValue; type?: string };
    if (field instanceof PdfRef) {
      if (seen.has(field.num)) continue;
      seen.add(field.num);
    }
    const dict = revision.dict(field);
    if (!dict) continue;
    const type = revision.name(dict, 'FT') ?? inherited;
    for (const kid of revision.array(dict.get('Kids')) ?? []) stack.push({ field: kid, type });
    const value = dict.get('V');
    if (type !== 'Sig' || value === undefined) continue;
    // Many fields may name one signature: it is checked once.
    if (value instanceof PdfRef) {
      if (seen.has(value.num)) continue;
      seen.add(value.num);
    }
    const sig = revision.dict(value);
    if (!sig) continue;
    if (found.length >= MAX_SIGNATURES) {
      throw new PdfLimitError(`the PDF has more than ${MAX_SIGNATURES} signatures to check`);
    }
    found.push({ sig, range: rangeOf(sig, revision, pdf.bytes.length) });
  }
  // In signing order: the signature covering the most bytes is the last one applied.
  return found.sort(
    (x, y) => (x.range ? x.range[2] + x.range[3] : 0) - (y.range ? y.range[2] + y.range[3] : 0),
  );
}

async function check(
  pdf: PdfFile,
  found: Found,
  roots: pkijs.Certificate[],
  hashed: { bytes: number },
): Promise<SignatureCheck> {
  const bytes = pdf.bytes;
  const range = found.range;
  const end = range ? range[2] + range[3] : 0;
  const base = {
    byteRange: range ?? ([0, 0, 0, 0] as Range),
    coversWholeDocument: end === bytes.length,
    changesAfter: range ? laterChanges(pdf, end) : ({ kind: 'content' } as const),
  };
  const invalid = { ...base, signer: 'unknown', valid: false, trusted: false, signingCertificateV2: false };
  const contents = found.sig.get('Contents');
  if (!range || !(contents instanceof PdfString) || contents.bytes.length > MAX_CMS_BYTES) return invalid;
  let signedData: pkijs.SignedData;
  try {
    signedData = new pkijs.SignedData({
      schema: pkijs.ContentInfo.fromBER(contentsDer(contents.bytes)).content,
    });
  } catch {
    return invalid;
  }
  const signerInfo = signedData.signerInfos[0];
  const cert = signerInfo && signerCertificate(signedData, signerInfo);
  const at = signingTime(signerInfo);
  const described = {
    ...base,
    signer: commonName(cert),
    ...(at ? { signedAt: at } : {}),
    signingCertificateV2: Boolean(attribute(signerInfo, OID_SIGNING_CERTIFICATE_V2)),
  };
  const digest = signerInfo && DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  if (!signerInfo || !cert || !digest) return { ...described, valid: false, trusted: false };
  hashed.bytes += range[1] + range[3];
  if (hashed.bytes > MAX_HASHED_BYTES)
    throw new PdfLimitError('the PDF asks for too much hashing to check its signatures');
  let valid: boolean;
  try {
    if (signerInfo.signedAttrs) {
      const claimed = attribute(signerInfo, OID_MESSAGE_DIGEST)?.values[0] as asn1js.OctetString | undefined;
      valid =
        Boolean(attribute(signerInfo, OID_CONTENT_TYPE)) &&
        claimed !== undefined &&
        digestOf(digest, bytes, range).equals(Buffer.from(claimed.valueBlock.valueHexView)) &&
        signatureHolds(signerInfo, cert, digest, { attributes: signerInfo.signedAttrs.encodedValue });
    } else valid = signatureHolds(signerInfo, cert, digest, { bytes, range });
  } catch {
    valid = false;
  }
  // The signer's chain and the timestamp's are checked concurrently (webcrypto runs off the main thread).
  const [trusted, timestamp] = await Promise.all([
    valid && roots.length > 0 && chainsToRoot(signedData, cert, roots),
    signatureTimestamp(signerInfo, roots),
  ]);
  return {
    ...described,
    valid,
    trusted,
    ...(timestamp ? { timestamp } : {}),
    ...(timestamp?.valid && timestamp.trusted ? { provenTime: timestamp.time } : {}),
  };
}

/** The signature timestamp among the unsigned attributes, checked over the signature value it dates. */
async function signatureTimestamp(
  signerInfo: pkijs.SignerInfo,
  roots: pkijs.Certificate[],
): Promise<SignatureTimestamp | undefined> {
  const value = signerInfo.unsignedAttrs?.attributes.find((a) => a.type === OID_SIGNATURE_TIMESTAMP)
    ?.values[0];
  if (!value) return;
  const token = await readTimestampToken(new Uint8Array(value.toBER()), {
    data: signerInfo.signature.valueBlock.valueHexView,
  });
  if (!token) return;
  const valid = token.imprintMatches && token.signatureValid && token.timeStampingCertificate;
  const trusted =
    valid &&
    roots.length > 0 &&
    token.certificate !== undefined &&
    (await chainsToRoot(token.signedData, token.certificate, roots));
  return { time: token.genTime.toISOString(), authority: token.authority, valid, trusted };
}

/**
 * Every signature of a PDF, found through its signature fields and each checked independently of
 * the library that wrote it: its byte range must be four integers around exactly its /Contents, the
 * ranges are hashed in place (never copied) and compared with the signed message digest, the
 * signature over the signed attributes is checked with the signer's key, the chain with pkijs. For
 * each signature, what the later incremental updates change. A damaged file has no signatures; one
 * that asks for more than its budget (signatures, hashing, decompression) raises PdfLimitError.
 */
export async function verifyPdfSignatures(
  input: Uint8Array | PdfFile,
  trustedRootsPem: string[] = [],
): Promise<SignatureCheck[]> {
  let pdf: PdfFile;
  let found: Found[];
  try {
    pdf = input instanceof PdfFile ? input : PdfFile.open(input);
    found = signaturesOf(pdf);
  } catch (error) {
    if (error instanceof PdfLimitError) throw error;
    return [];
  }
  const roots = trustedRootsPem.map(certificateFromPem);
  const hashed = { bytes: 0 };
  // Their chains are checked concurrently (webcrypto runs off the main thread); each holds only its CMS.
  return Promise.all(found.map((f) => check(pdf, f, roots, hashed)));
}
