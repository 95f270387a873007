/**
 * REFERENCE ONLY: the upload inspector as it was before issue 11 (byte regexes, pdf-lib's unbounded parse,
 * copies of the signed bytes). `npm run bench` measures it beside the current one in the same run
 * to print their ratio; nothing in the product imports it.
 */
import { PDFDocument } from 'pdf-lib';

/** An upload is refused beyond these: a scanned agreement is a few MB and a few dozen pages. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
export const MAX_PAGES = 300;

export type Inspection = { ok: true; pages: number } | { ok: false; reason: string };

const MAGIC: [number[], string][] = [
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP or Word file'],
  [[0x49, 0x49, 0x2a, 0x00], 'a TIFF image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
];

/** Active content has no place in a signed agreement and could attack whoever opens it. */
const ACTIVE_CONTENT = /\/(JavaScript|Launch|RichMedia|XFA)\b|\/JS\s*(\(|<|\d+\s+\d+\s+R)/;

const refuse = (reason: string): Inspection => ({ ok: false, reason });

/**
 * Whether bytes are a well-formed, unencrypted PDF without active content, within the size and page
 * limits; the reason is written for the uploader ("not a PDF: this is a JPEG image").
 */
export async function inspectPdf(bytes: Uint8Array): Promise<Inspection> {
  if (bytes.length === 0) return refuse('the file is empty');
  if (bytes.length > MAX_UPLOAD_BYTES) {
    return refuse(`the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  }
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const start = head.indexOf('%PDF-');
  if (start < 0) {
    const kind = MAGIC.find(([magic]) => magic.every((b, i) => bytes[i] === b))?.[1];
    return refuse(kind ? `not a PDF: the file is ${kind}` : 'not a PDF: the file does not start with %PDF-');
  }
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  if (!tail.includes('%%EOF')) return refuse('the PDF is truncated: it has no end-of-file marker');
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (/\/Encrypt\s/.test(text)) return refuse('the PDF is encrypted: upload a copy without a password');
  if (ACTIVE_CONTENT.test(text)) return refuse('the PDF contains JavaScript or other active content');
  let pages: number;
  try {
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
    pages = pdf.getPageCount();
  } catch {
    return refuse('the PDF is damaged and cannot be read');
  }
  if (pages === 0) return refuse('the PDF has no pages');
  if (pages > MAX_PAGES) return refuse(`the PDF has ${pages} pages; at most ${MAX_PAGES} are accepted`);
  return { ok: true, pages };
}
