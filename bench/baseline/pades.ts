/**
 * REFERENCE ONLY: PAdES signing as it was before issue 15 (B-B: no signature timestamp).
 * `npm run bench` measures it beside the current B-T signing in the same run to print their ratio;
 * nothing in the product imports it.
 */
import { PDF, type Signer } from '@libpdf/core';
import type { SignatureBox } from '../../shared/documents/model.js';
import { renderSignatureBlock } from '../../shared/signing/signature-block.js';

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
  visible: VisibleSignature;
  /** Unique per signature in the document, e.g. "party-0". */
  fieldName: string;
  reason: string;
  location: string;
  signingTime: Date;
}

/**
 * Signs a PDF as PAdES B-B (ETSI.CAdES.detached, with signing-certificate-v2) after placing the
 * visible signature block in the party's box. Earlier signatures stay valid: the block and the
 * signature are appended as incremental updates and nothing before them is rewritten.
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
    level: 'B-B',
  });
  return result.bytes;
}
