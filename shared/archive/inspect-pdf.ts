import { findActiveContent } from '../pdf/active-content.js';
import { PdfLimitError } from '../pdf/objects.js';
import { pagesOf } from '../pdf/pages.js';
import { PdfFile } from '../pdf/reader.js';

/** An upload is refused beyond these: a scanned agreement is a few MB and a few dozen pages. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
export const MAX_PAGES = 300;

/** Accepted with the file as read, so that the signatures are found in the same parse. */
export type Inspection = { ok: true; pages: number; pdf: PdfFile } | { ok: false; reason: string };

const MAGIC: [number[], string][] = [
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP or Word file'],
  [[0x49, 0x49, 0x2a, 0x00], 'a TIFF image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
];

const refuse = (reason: string): Inspection => ({ ok: false, reason });

/**
 * Whether bytes are a well-formed, unencrypted PDF without active content, within the size and page
 * limits; the reason is written for the uploader ("not a PDF: this is a JPEG image"). The file is
 * read as a graph of objects with a bounded reader (see shared/pdf/reader.ts): a decompression
 * bomb or an endless structure is refused within its budget instead of exhausting the function.
 */
export function inspectPdf(bytes: Uint8Array): Inspection {
  if (bytes.length === 0) return refuse('the file is empty');
  if (bytes.length > MAX_UPLOAD_BYTES) {
    return refuse(`the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  }
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) {
    const kind = MAGIC.find(([magic]) => magic.every((b, i) => bytes[i] === b))?.[1];
    return refuse(kind ? `not a PDF: the file is ${kind}` : 'not a PDF: the file does not start with %PDF-');
  }
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  if (!tail.includes('%%EOF')) return refuse('the PDF is truncated: it has no end-of-file marker');
  try {
    const pdf = PdfFile.open(bytes);
    if (pdf.sections.some((s) => s.trailer.has('Encrypt'))) {
      return refuse('the PDF is encrypted: upload a copy without a password');
    }
    if (!pdf.final.catalog) return refuse('the PDF is damaged and cannot be read');
    const active = findActiveContent(pdf);
    if (active) return refuse(active.reason);
    const pages = pagesOf(pdf.final).length;
    if (pages === 0) return refuse('the PDF has no pages');
    if (pages > MAX_PAGES) return refuse(`the PDF has ${pages} pages; at most ${MAX_PAGES} are accepted`);
    return { ok: true, pages, pdf };
  } catch (error) {
    if (error instanceof PdfLimitError) return refuse(error.message);
    return refuse('the PDF is damaged and cannot be read');
  }
}
