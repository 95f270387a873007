import { PDF, type Signer } from '@libpdf/core';
import * as pkijs from 'pkijs';
import type { SignatureBox } from '../documents/model.js';
import { ConflictError, UnavailableError } from '../errors.js';
import { say } from '../form/messages.js';
import type { RevocationFetcher } from '../ports/revocation.js';
import type { TimestampAuthority } from '../ports/timestamps.js';
import { commonName } from './cms.js';
import { revocationOf, revocationProvider } from './revocation.js';
import { renderSignatureBlock } from './signature-block.js';

export interface VisibleSignature {
  /** The blank box the renderer left for the signing party. */
  box: SignatureBox;
  name: string;
  /** Above the name: the position, or the official form of a delegation, one line each. */
  capacity: string[];
  /** Opened by the QR code: the public verification page of this agreement. */
  verificationUrl: string;
}

export interface SignRequest {
  signer: Signer;
  /** Dates the signature (PAdES B-T): its token over the signature value goes into the CMS. */
  timestamps: TimestampAuthority;
  /** Where the signer's revocation status is asked (the OCSP responder or CRL its certificate names). */
  revocation: RevocationFetcher;
  visible: VisibleSignature;
  /** Unique per signature in the document, e.g. "party-0". */
  fieldName: string;
  reason: string;
  location: string;
  signingTime: Date;
}

/** libpdf's warnings that the document security store lacks a certificate's revocation data. */
const LTV_WARNINGS = new Set(['REVOCATION_UNAVAILABLE', 'LTV_GATHER_FAILED']);

/**
 * A revoked certificate signs nothing, and one whose status nobody can tell signs nothing either: the
 * signature would not stand. Asked of the responder or CRL the certificate names, before any work.
 */
export async function assertNotRevoked(
  signer: Pick<Signer, 'certificate' | 'certificateChain'>,
  fetcher: RevocationFetcher,
): Promise<void> {
  const cert = pkijs.Certificate.fromBER(new Uint8Array(signer.certificate));
  const issuer = (signer.certificateChain ?? [])
    .map((der) => pkijs.Certificate.fromBER(new Uint8Array(der)))
    .find((c) => c.subject.isEqual(cert.issuer));
  const status = issuer ? await revocationOf(cert, issuer, [], commonName(cert), fetcher) : undefined;
  if (status?.status === 'revoked') {
    throw new ConflictError(
      say(
        `Sertifikat penanda tangan telah dicabut sejak ${status.revokedAt ?? '—'}; tidak dapat menandatangani`,
        `The signer's certificate was revoked on ${status.revokedAt ?? '—'}; it cannot sign`,
      ),
    );
  }
  if (status?.status !== 'good') {
    throw new UnavailableError('revocation status', {
      text: say(
        'Status sertifikat penanda tangan tidak dapat diperiksa; coba lagi nanti',
        "The signer's certificate status cannot be checked; try again later",
      ),
    });
  }
}

/** The document security store must hold every certificate's revocation data: B-LT or nothing. */
export function assertValidationData(warnings: { code: string; message: string }[]): void {
  const missing = warnings.filter((w) => LTV_WARNINGS.has(w.code));
  if (missing.length) {
    throw new UnavailableError('revocation status', {
      text: say(
        'Data pencabutan sertifikat tidak dapat diambil untuk disematkan; coba lagi nanti',
        `The certificates' revocation data could not be gathered to embed (${missing.map((w) => w.message).join('; ')}); try again later`,
      ),
    });
  }
}

/**
 * Room for the CMS: the signer's certificate and chain, and the timestamp token with the TSA's own
 * certificate (public TSAs send their chain too: a few KB more than libpdf's 12 KB default allows).
 */
const CMS_SPACE = 24 * 1024;

/** The PDF with the visible signature block drawn into the party's box (not saved yet). */
export async function placeSignatureBlock(
  bytes: Uint8Array,
  visible: VisibleSignature,
  signingTime: Date,
): Promise<PDF> {
  const { box, name, capacity, verificationUrl } = visible;
  const pdf = await PDF.load(bytes);
  const page = pdf.getPage(box.page);
  if (!page) throw new Error(`the document has no page ${box.page + 1}`);
  const block = await PDF.load(
    await renderSignatureBlock({
      width: box.width,
      height: box.height,
      name,
      capacity,
      verificationUrl,
      signingTime,
    }),
  );
  page.drawPage(await pdf.embedPage(block, 0), { x: box.x, y: box.y });
  return pdf;
}

/**
 * Signs a PDF as PAdES B-T (ETSI.CAdES.detached, with signing-certificate-v2 and a signature
 * timestamp from the timestamp authority) after placing the visible signature block in the party's
 * box. Without a timestamp there is no signature: the authority's failure is thrown as it is. Earlier
 * signatures stay valid: the block and the signature are appended as incremental updates and nothing
 * before them is rewritten.
 */
export async function signPdf(bytes: Uint8Array, request: SignRequest): Promise<Uint8Array> {
  await assertNotRevoked(request.signer, request.revocation);
  const pdf = await placeSignatureBlock(bytes, request.visible, request.signingTime);
  const result = await pdf.sign({
    signer: request.signer,
    fieldName: request.fieldName,
    reason: request.reason,
    location: request.location,
    signingTime: request.signingTime,
    subFilter: 'ETSI.CAdES.detached',
    level: 'B-LT',
    timestampAuthority: request.timestamps,
    revocationProvider: revocationProvider(request.revocation),
    estimatedSize: CMS_SPACE,
  });
  assertValidationData(result.warnings);
  return result.bytes;
}
