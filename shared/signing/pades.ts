import { PDF, type Signer } from '@libpdf/core';
import type { SignatureBox } from '../documents/model.js';
import type { TimestampAuthority } from '../ports/timestamps.js';
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
  visible: VisibleSignature;
  /** Unique per signature in the document, e.g. "party-0". */
  fieldName: string;
  reason: string;
  location: string;
  signingTime: Date;
}

/**
 * Room for the CMS: the signer's certificate and chain, and the timestamp token with the TSA's own
 * certificate (public TSAs send their chain too: a few KB more than libpdf's 12 KB default allows).
 */
const CMS_SPACE = 24 * 1024;

/**
 * Signs a PDF as PAdES B-T (ETSI.CAdES.detached, with signing-certificate-v2 and a signature
 * timestamp from the timestamp authority) after placing the visible signature block in the party's
 * box. Without a timestamp there is no signature: the authority's failure is thrown as it is. Earlier
 * signatures stay valid: the block and the signature are appended as incremental updates and nothing
 * before them is rewritten.
 */
export async function signPdf(bytes: Uint8Array, request: SignRequest): Promise<Uint8Array> {
  const { box, name, capacity, verificationUrl } = request.visible;
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
      signingTime: request.signingTime,
    }),
  );
  page.drawPage(await pdf.embedPage(block, 0), { x: box.x, y: box.y });
  const result = await pdf.sign({
    signer: request.signer,
    fieldName: request.fieldName,
    reason: request.reason,
    location: request.location,
    signingTime: request.signingTime,
    subFilter: 'ETSI.CAdES.detached',
    level: 'B-T',
    timestampAuthority: request.timestamps,
    estimatedSize: CMS_SPACE,
  });
  return result.bytes;
}
