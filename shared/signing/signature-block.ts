import { PDFDocument, rgb } from 'pdf-lib';
// The encoder alone: the package's entry point also loads PNG, SVG and terminal renderers.
import { create as createQr } from 'qrcode/lib/core/qrcode.js';
import { fontkitFor, loadFaces } from '../documents/fonts.js';
import { shortDateEnglish, shortDateIndonesian } from '../documents/words.js';

export interface SignatureBlockContent {
  width: number;
  height: number;
  name: string;
  /**
   * The capacity the signer signs in, one line each, above their name: their position, or the
   * official form of a delegation ("a.n. GUBERNUR JAWA TENGAH", "Sekretaris Daerah").
   */
  capacity: string[];
  /** Opened by the QR code: the public verification page of this agreement. */
  verificationUrl: string;
  signingTime: Date;
}

/** Space between the block's lines (points). */
const LINE_GAP = 5;

/** A QR code as one SVG path of unit squares: vectors stay crisp at any zoom and weigh a few hundred bytes. */
function qrPath(url: string): { path: string; size: number } {
  const { modules } = createQr(url, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) parts.push(`M${col} ${row}h1v1h-1z`);
    }
  }
  return { path: parts.join(''), size: modules.size };
}

/**
 * The visible signature block as a one-page PDF the size of the party's signature box: QR code,
 * "digitally signed", the capacity (position or official form), name and date. Drawn with pdf-lib so the font is subset to the few
 * glyphs used; the signer places the page into the agreement as a form XObject.
 */
export async function renderSignatureBlock(content: SignatureBlockContent): Promise<Uint8Array> {
  const faces = await loadFaces();
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkitFor(faces) as never);
  const [regular, bold] = await Promise.all([
    pdf.embedFont(faces.regular.bytes, { subset: true }),
    pdf.embedFont(faces.bold.bytes, { subset: true }),
  ]);
  const { width, height } = content;
  const page = pdf.addPage([width, height]);
  const qr = qrPath(content.verificationUrl);
  const side = height - 4;
  // SVG paths grow downwards from their origin: start at the top-left corner of the QR square.
  page.drawSvgPath(qr.path, { x: 2, y: height - 2, scale: side / qr.size, color: rgb(0, 0, 0) });
  const iso = content.signingTime.toISOString().slice(0, 10);
  const textX = side + 8;
  const maxWidth = width - textX - 2;
  const lines = [
    { text: 'Ditandatangani secara elektronik / Digitally signed', font: regular, size: 6 },
    ...content.capacity.map((text) => ({ text, font: regular, size: 6.5 })),
    { text: content.name, font: bold, size: 8 },
    { text: `${shortDateIndonesian(iso)} / ${shortDateEnglish(iso)}`, font: regular, size: 6.5 },
  ];
  // Lines and gaps shrink together when a longer official form would not fit the box.
  const natural = lines.reduce((sum, line) => sum + line.size + LINE_GAP, -LINE_GAP);
  const scale = Math.min(1, (height - 8) / natural);
  let baseline = height - 4 - (lines[0]?.size ?? 0) * scale;
  for (const line of lines) {
    let size = line.size * scale;
    while (size > 4 && line.font.widthOfTextAtSize(line.text, size) > maxWidth) size -= 0.25;
    page.drawText(line.text, { x: textX, y: baseline, font: line.font, size });
    baseline -= (line.size + LINE_GAP) * scale;
  }
  return pdf.save();
}
