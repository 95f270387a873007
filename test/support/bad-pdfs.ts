import { randomBytes } from 'node:crypto';
import { PDF } from '@libpdf/core';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { MAX_UPLOAD_BYTES } from '../../shared/archive/inspect-pdf.js';

/** A small valid PDF with `pages` pages, written by pdf-lib. */
export async function validPdf(pages = 1): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < pages; i++) pdf.addPage([200, 200]).drawText(`Halaman ${i + 1}`, { x: 20, y: 100 });
  return pdf.save();
}

async function withJavaScript(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([200, 200]);
  const action = pdf.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert("x")') });
  pdf.catalog.set(PDFName.of('OpenAction'), action);
  return pdf.save({ useObjectStreams: false });
}

async function withLaunchAction(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([200, 200]);
  const action = pdf.context.obj({ Type: 'Action', S: 'Launch', F: PDFString.of('cmd.exe') });
  pdf.catalog.set(PDFName.of('OpenAction'), action);
  return pdf.save({ useObjectStreams: false });
}

async function withXfa(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([200, 200]);
  const form = pdf.context.register(pdf.context.obj({ Fields: [], XFA: [PDFString.of('template')] }));
  pdf.catalog.set(PDFName.of('AcroForm'), form);
  return pdf.save({ useObjectStreams: false, updateFieldAppearances: false });
}

async function encrypted(): Promise<Uint8Array> {
  const pdf = await PDF.load(await validPdf());
  pdf.setProtection({ userPassword: 'rahasia', ownerPassword: 'lebih-rahasia' });
  return pdf.save();
}

const bytes = (...parts: (string | number[] | Uint8Array)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** At least twenty files a careless or hostile upload could bring, each with the reason it is refused. */
export async function badUploads(): Promise<{ name: string; bytes: Uint8Array; reason: RegExp }[]> {
  const good = await validPdf(2);
  const text = Buffer.from(good).toString('latin1');
  return [
    { name: 'empty', bytes: new Uint8Array(), reason: /empty/ },
    { name: 'random bytes', bytes: randomBytes(4096), reason: /not a PDF/ },
    { name: 'JPEG named .pdf', bytes: bytes([0xff, 0xd8, 0xff, 0xe0], randomBytes(2048)), reason: /JPEG/ },
    {
      name: 'PNG named .pdf',
      bytes: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a], randomBytes(512)),
      reason: /PNG/,
    },
    { name: 'Word file', bytes: bytes([0x50, 0x4b, 0x03, 0x04], randomBytes(512)), reason: /ZIP or Word/ },
    { name: 'GIF', bytes: bytes('GIF89a', randomBytes(256)), reason: /GIF/ },
    { name: 'TIFF', bytes: bytes([0x49, 0x49, 0x2a, 0x00], randomBytes(256)), reason: /TIFF/ },
    { name: 'HTML page', bytes: bytes('<!doctype html><html><body>MoU</body></html>'), reason: /not a PDF/ },
    { name: 'plain text', bytes: bytes('NOTA KESEPAHAMAN\nPasal 1\n'), reason: /not a PDF/ },
    { name: 'truncated to half', bytes: good.subarray(0, Math.floor(good.length / 2)), reason: /truncated/ },
    { name: 'end marker cut off', bytes: bytes(text.replace(/%%EOF\s*$/, '')), reason: /truncated/ },
    {
      name: 'header then garbage',
      bytes: bytes('%PDF-1.7\n', randomBytes(3000), '\n%%EOF\n'),
      reason: /damaged/,
    },
    {
      name: 'objects overwritten',
      bytes: bytes(text.slice(0, 15), 'x'.repeat(Math.max(0, text.length - 200)), text.slice(-185)),
      reason: /damaged|no pages/,
    },
    { name: 'encrypted', bytes: await encrypted(), reason: /encrypted/ },
    { name: 'JavaScript on open', bytes: await withJavaScript(), reason: /JavaScript/ },
    {
      name: 'launch action',
      bytes: await withLaunchAction(),
      reason: /launches a program or file \(cmd\.exe\)/,
    },
    { name: 'XFA form', bytes: await withXfa(), reason: /XFA form/ },
    {
      name: 'no pages',
      bytes: await PDFDocument.create().then((p) => p.save({ addDefaultPage: false })),
      reason: /no pages|damaged/,
    },
    { name: '301 pages', bytes: await validPdf(301), reason: /301 pages/ },
    {
      name: 'over the size limit',
      bytes: bytes(good, Buffer.alloc(MAX_UPLOAD_BYTES)),
      reason: /larger than 25 MB/,
    },
    { name: 'only a header', bytes: bytes('%PDF-1.4\n%%EOF'), reason: /damaged|no pages/ },
  ];
}
