import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type ChangesAfter, changesAfter } from '../pdf/changes.js';
import { type PdfDict, PdfLimitError, PdfRef, PdfString, type PdfValue } from '../pdf/objects.js';
import { PdfFile, type Revision } from '../pdf/reader.js';
import {
  attribute,
  certificateFromPem,
  certificatesOf,
  commonName,
  contentsDer,
  DIGESTS,
  digestOf,
  OID_CONTENT_TYPE,
  OID_MESSAGE_DIGEST,
  OID_SIGNING_CERTIFICATE_V2,
  pathToRoot,
  type Range,
  signatureHolds,
  signerCertificate,
  signingTime,
} from './cms.js';
import { readTimestampToken } from './timestamp-token.js';

export { contentsDer };

/** A certificate as a report shows it. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
}

/** Which part of the cryptographic check failed, in the terms of ETSI EN 319 102-1. */
export type CryptoFailure = 'FORMAT_FAILURE' | 'HASH_FAILURE' | 'SIG_CRYPTO_FAILURE';

/** One signature or document time-stamp found in a PDF, checked against the bytes it covers. */
export interface SignatureCheck {
  /** A signature, or a document time-stamp (SubFilter ETSI.RFC3161). */
  kind: 'signature' | 'timestamp';
  /** The signer's name; for a time-stamp, the authority's. */
  signer: string;
  /** The signing time the signer claimed (not a trusted time); for a time-stamp, the time it attests. */
  signedAt?: string;
  /** The CMS signature matches the signed bytes and the signer's certificate. */
  valid: boolean;
  /** What failed when `valid` is false. */
  failure?: CryptoFailure;
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

/** What the checks found beyond the report: the certificates, for revocation and levels. */
export interface CheckedSignature {
  check: SignatureCheck;
  /** The signer's certificate first, up to the trusted root when a path to one was found. */
  path: pkijs.Certificate[];
  /** Every certificate the CMS (and its time-stamp token) carries. */
  certificates: pkijs.Certificate[];
  signedData?: pkijs.SignedData;
}

/** A file signed by every party, with timestamps, has a handful; more is an attempt to make us work. */
export const MAX_SIGNATURES = 20;
/** A CMS with its chain and revocation data is tens of KB; libpdf reserves 12 KB. */
const MAX_CMS_BYTES = 512 * 1024;
/** All signatures together hash at most this (each range is hashed in place, never copied). */
const MAX_HASHED_BYTES = 512 * 1024 * 1024;

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

const OID_SIGNATURE_TIMESTAMP = '1.2.840.113549.1.9.16.2.14';

const hex = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(new Uint8Array(bytes)).toString('hex');

function nameOf(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((t) => `${SHORT_NAMES[t.type] ?? t.type}=${t.value.valueBlock.value}`)
    .join(', ');
}

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '1.2.840.113549.1.9.1': 'E',
};

export function certificateInfo(cert: pkijs.Certificate): CertificateInfo {
  return {
    subject: nameOf(cert.subject),
    issuer: nameOf(cert.issuer),
    serialNumber: hex(cert.serialNumber.valueBlock.valueHexView),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
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
    token.certificate !== undefined &&
    (await pathToRoot(certificatesOf(token.signedData), token.certificate, roots)).length > 0;
  return { time: token.genTime.toISOString(), authority: token.authority, valid, trusted };
}

async function check(
  pdf: PdfFile,
  found: Found,
  roots: pkijs.Certificate[],
  hashed: { bytes: number },
): Promise<CheckedSignature> {
  const bytes = pdf.bytes;
  const range = found.range;
  const end = range ? range[2] + range[3] : 0;
  const kind = pdf.final.name(found.sig, 'SubFilter') === 'ETSI.RFC3161' ? 'timestamp' : 'signature';
  const base = {
    kind,
    byteRange: range ?? ([0, 0, 0, 0] as Range),
    coversWholeDocument: end === bytes.length,
    changesAfter: range ? laterChanges(pdf, end) : ({ kind: 'content' } as const),
  } as const;
  const invalid: CheckedSignature = {
    check: {
      ...base,
      signer: 'unknown',
      valid: false,
      failure: 'FORMAT_FAILURE',
      trusted: false,
      signingCertificateV2: false,
    },
    path: [],
    certificates: [],
  };
  const contents = found.sig.get('Contents');
  if (!range || !(contents instanceof PdfString) || contents.bytes.length > MAX_CMS_BYTES) return invalid;
  const der = contentsDer(contents.bytes);
  const countHashing = () => {
    hashed.bytes += range[1] + range[3];
    if (hashed.bytes > MAX_HASHED_BYTES)
      throw new PdfLimitError('the PDF asks for too much hashing to check its signatures');
  };
  if (kind === 'timestamp') {
    countHashing();
    const token = await readTimestampToken(der, {
      hashWith: (algorithm) => digestOf(algorithm, bytes, range),
    });
    if (!token) return invalid;
    const certificates = certificatesOf(token.signedData);
    const holds = token.signatureValid && token.timeStampingCertificate;
    const valid = holds && token.imprintMatches;
    const path = valid && token.certificate ? await pathToRoot(certificates, token.certificate, roots) : [];
    return {
      check: {
        ...base,
        signer: commonName(token.certificate),
        signedAt: token.genTime.toISOString(),
        valid,
        ...(valid ? {} : { failure: holds ? ('HASH_FAILURE' as const) : ('SIG_CRYPTO_FAILURE' as const) }),
        trusted: path.length > 0,
        signingCertificateV2: Boolean(attribute(token.signedData.signerInfos[0], OID_SIGNING_CERTIFICATE_V2)),
      },
      path: path.length ? path : token.certificate ? [token.certificate] : [],
      certificates,
      signedData: token.signedData,
    };
  }
  let signedData: pkijs.SignedData;
  try {
    signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(der).content });
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
  const certificates = certificatesOf(signedData);
  const digest = signerInfo && DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  if (!signerInfo || !cert || !digest) {
    return {
      check: { ...described, valid: false, failure: 'FORMAT_FAILURE', trusted: false },
      path: cert ? [cert] : [],
      certificates,
      signedData,
    };
  }
  countHashing();
  let failure: CryptoFailure | undefined;
  try {
    if (signerInfo.signedAttrs) {
      const claimed = attribute(signerInfo, OID_MESSAGE_DIGEST)?.values[0] as asn1js.OctetString | undefined;
      if (!attribute(signerInfo, OID_CONTENT_TYPE) || claimed === undefined) failure = 'FORMAT_FAILURE';
      else if (!digestOf(digest, bytes, range).equals(Buffer.from(claimed.valueBlock.valueHexView)))
        failure = 'HASH_FAILURE';
      else if (!signatureHolds(signerInfo, cert, digest, { attributes: signerInfo.signedAttrs.encodedValue }))
        failure = 'SIG_CRYPTO_FAILURE';
    } else if (!signatureHolds(signerInfo, cert, digest, { bytes, range })) failure = 'HASH_FAILURE';
  } catch {
    failure = 'FORMAT_FAILURE';
  }
  const valid = failure === undefined;
  // The signer's chain and the timestamp's are checked concurrently (webcrypto runs off the main thread).
  const [path, timestamp] = await Promise.all([
    valid ? pathToRoot(certificates, cert, roots) : [],
    valid ? signatureTimestamp(signerInfo, roots) : undefined,
  ]);
  return {
    check: {
      ...described,
      valid,
      ...(failure ? { failure } : {}),
      trusted: path.length > 0,
      ...(timestamp ? { timestamp } : {}),
    },
    path: path.length ? path : [cert],
    certificates,
    signedData,
  };
}

/**
 * Every signature and document time-stamp of a PDF, found through its signature fields and each
 * checked independently of the library that wrote it: its byte range must be four integers around
 * exactly its /Contents, the ranges are hashed in place (never copied) and compared with the signed
 * message digest (a time-stamp's imprint), the signature over the signed attributes is checked with
 * the signer's key, the chain with pkijs. For each, what the later incremental updates change. A
 * damaged file has no signatures; one that asks for more than its budget (signatures, hashing,
 * decompression) raises PdfLimitError.
 */
export async function checkPdfSignatures(
  input: Uint8Array | PdfFile,
  trustedRootsPem: string[] = [],
): Promise<{ pdf?: PdfFile; signatures: CheckedSignature[] }> {
  let pdf: PdfFile;
  let found: Found[];
  try {
    pdf = input instanceof PdfFile ? input : PdfFile.open(input);
    found = signaturesOf(pdf);
  } catch (error) {
    if (error instanceof PdfLimitError) throw error;
    return { signatures: [] };
  }
  const roots = trustedRootsPem.map(certificateFromPem);
  const hashed = { bytes: 0 };
  // Their chains are checked concurrently (webcrypto runs off the main thread); each holds only its CMS.
  return { pdf, signatures: await Promise.all(found.map((f) => check(pdf, f, roots, hashed))) };
}

/** The checks of {@link checkPdfSignatures}, as reported. */
export async function verifyPdfSignatures(
  input: Uint8Array | PdfFile,
  trustedRootsPem: string[] = [],
): Promise<SignatureCheck[]> {
  return (await checkPdfSignatures(input, trustedRootsPem)).signatures.map((s) => s.check);
}
