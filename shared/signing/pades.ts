import {
  PDF,
  type PDFEmbeddedPage,
  type PDFPage,
  PdfArray,
  PdfDict,
  PdfNumber,
  type Signer,
} from '@libpdf/core';
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
 * libpdf signs through an invisible widget (a zero rectangle on the first page). Just before it
 * writes the signing update, that widget is given the party's box on its page and the signature
 * block as its appearance, so the block is part of the signed update. Drawn into the page content
 * instead, every later signature would find the page changed after it: a shadow attack's mark.
 */
function showInWidget(pdf: PDF, fieldName: string, page: PDFPage, box: SignatureBox, block: PDFEmbeddedPage) {
  const save = pdf.save.bind(pdf);
  pdf.save = async (options) => {
    pdf.save = save;
    const field = pdf.getOrCreateForm().getField(fieldName);
    const ref = field?.getRef();
    if (!field || !ref) throw new Error(`libpdf prepared no signature field ${fieldName}`);
    const widget = field.getDict();
    widget.set('Rect', new PdfArray([box.x, box.y, box.x + box.width, box.y + box.height].map(PdfNumber.of)));
    widget.set('P', page.ref);
    widget.set('AP', PdfDict.of({ N: block.ref }));
    const registry = pdf.context.registry;
    // The page's annotations may be an array of their own (an indirect object): that one grows.
    const annots = page.dict.getArray('Annots', (r) => registry.resolve(r));
    if (annots) annots.push(ref);
    else page.dict.set('Annots', new PdfArray([ref]));
    return save(options);
  };
}

/**
 * Room for the CMS: the signer's certificate and chain, and the timestamp token with the TSA's own
 * certificate (public TSAs send their chain too: a few KB more than libpdf's 12 KB default allows).
 */
const CMS_SPACE = 24 * 1024;

/** The party's page, and the signature block drawn for its box as a form XObject of the PDF. */
async function signatureBlock(pdf: PDF, visible: VisibleSignature, signingTime: Date) {
  const { box, name, capacity, verificationUrl } = visible;
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
  return { page, block: await pdf.embedPage(block, 0) };
}

/**
 * The PDF with the visible signature block drawn into the party's box (not saved yet): for a
 * service that signs the whole PDF and shows nothing itself, the block goes in before it signs.
 */
export async function placeSignatureBlock(
  bytes: Uint8Array,
  visible: VisibleSignature,
  signingTime: Date,
): Promise<PDF> {
  const pdf = await PDF.load(bytes);
  const { page, block } = await signatureBlock(pdf, visible, signingTime);
  page.drawPage(block, { x: visible.box.x, y: visible.box.y });
  return pdf;
}

/**
 * Signs a PDF as PAdES B-LT (ETSI.CAdES.detached, with signing-certificate-v2, a signature
 * timestamp from the timestamp authority, then the chain's revocation data in the DSS), its visible
 * block the signature widget's appearance in the party's box. Without a timestamp there is no
 * signature: the authority's failure is thrown as it is. Earlier signatures stay valid: everything is
 * appended as incremental updates and nothing before them is rewritten.
 */
export async function signPdf(bytes: Uint8Array, request: SignRequest): Promise<Uint8Array> {
  await assertNotRevoked(request.signer, request.revocation);
  const pdf = await PDF.load(bytes);
  const { page, block } = await signatureBlock(pdf, request.visible, request.signingTime);
  showInWidget(pdf, request.fieldName, page, request.visible.box, block);
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
