import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { httpRevocationFetcher } from '../../shared/adapters/http-revocation.js';
import { LocalTimestampAuthority } from '../../shared/adapters/local/local-timestamp-authority.js';
import { srgbProfile } from '../../shared/documents/srgb.js';
import type { Identity } from '../../shared/identity/identity.js';
import { signPdf } from '../../shared/signing/pades.js';
import { CASES, type RenderedCase, renderCase } from '../support/documents.js';
import { localSigningKeys } from '../support/local-ca.js';
import { pdfsig } from '../support/pdfsig.js';
import { qpdf, qpdfAttachment, qpdfCheck, run } from '../support/qpdf.js';

/**
 * PDF/A-3b as the tools here can check it: qpdf (structure, streams, objects, the attachment), poppler
 * (XMP, fonts, signatures, the ICC profile through lcms2) and pdf.js (the attachment). veraPDF, the
 * reference validator, is a Java tool that neither the npm nor the Debian registry carries.
 */

const catalogOf = (objects: ReturnType<typeof qpdf>) => objects.get(objects.trailer['/Root']);

function expectPdfA(bytes: Uint8Array) {
  expect(qpdfCheck(bytes)).toMatch(/No syntax or stream encoding errors/);
  const meta = run('pdfinfo', ['-meta'], bytes);
  expect(meta).toContain('<pdfaid:part>3</pdfaid:part>');
  expect(meta).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
  // Every font embedded (pdffonts' "emb" column), the signature appearances' fonts included.
  const fonts = run('pdffonts', [], bytes).trim().split('\n').slice(2);
  expect(fonts.length).toBeGreaterThanOrEqual(3);
  for (const font of fonts) expect(font.split(/\s+/).slice(-5, -4)[0], font).toBe('yes');
  // The header's binary comment, and a file identifier in the trailer.
  expect(Buffer.from(bytes.subarray(0, 9)).toString('latin1')).toBe('%PDF-1.7\n');
  expect([...bytes.subarray(10, 14)].every((b) => b > 127)).toBe(true);
  const objects = qpdf(bytes);
  expect(Array.isArray(objects.trailer['/ID'])).toBe(true);
  const catalog = catalogOf(objects);
  const [intent] = catalog['/OutputIntents'] as unknown[];
  const outputIntent = typeof intent === 'string' ? objects.get(intent) : (intent as Record<string, unknown>);
  expect(outputIntent['/S']).toBe('/GTS_PDFA1');
  expect(objects.get(outputIntent['/DestOutputProfile'])['/N']).toBe(3);
  expect(objects.get(catalog['/Metadata'])['/Subtype']).toBe('/XML');
  // No annotation hidden or without an appearance (a signature's widget has none, and no area).
  let annotations = 0;
  for (const object of objects.all.values()) {
    if (object['/Type'] !== '/Annot' && object['/Subtype'] !== '/Widget') continue;
    annotations++;
    const flags = Number(object['/F']);
    expect(flags & 4).toBe(4);
    expect(flags & (1 | 2 | 32 | 256)).toBe(0);
    const rect = object['/Rect'] as number[];
    expect(rect[0] === rect[2] && rect[1] === rect[3] ? true : Boolean(object['/AP'])).toBe(true);
  }
  const form = catalog['/AcroForm'] ? objects.get(catalog['/AcroForm']) : {};
  expect(form['/NeedAppearances']).not.toBe(true);
  return { objects, catalog, meta, annotations };
}

describe.each(CASES)('the %s as PDF/A-3b', (name) => {
  let c: RenderedCase;
  beforeAll(async () => {
    c = await renderCase(name);
  }, 60_000);

  it('passes qpdf --check, identifies itself as PDF/A-3b, embeds every font, has an sRGB output intent', () => {
    const { meta } = expectPdfA(c.pdf);
    // The agreement's own metadata: title, parties, number, languages, template version.
    expect(meta).toContain(`<ks:documentNumber>${name.toUpperCase()}/0001/2024 · v1</ks:documentNumber>`);
    expect(meta).toContain(`<ks:templateId>${c.document.templateId}</ks:templateId>`);
    expect(meta).toContain(`<ks:templateVersion>${c.document.templateVersion}</ks:templateVersion>`);
    for (const party of c.form.parties)
      expect(meta).toContain(`<rdf:li>${party.name.id.replace(/&/g, '&amp;')}</rdf:li>`);
    expect(meta).toContain(
      `<dc:language><rdf:Bag>${c.document.languages.map((l) => `<rdf:li>${l}</rdf:li>`).join('')}`,
    );
    expect(meta).toContain(`<rdf:li xml:lang="x-default">${c.document.title}</rdf:li>`);
    // PDF/A asks the packet to describe the schema of every property it adds.
    expect(meta).toContain('<pdfaSchema:prefix>ks</pdfaSchema:prefix>');
    const info = run('pdfinfo', [], c.pdf);
    expect(info).toMatch(new RegExp(`Title: +${c.document.title}`));
    expect(info).toMatch(/CreationDate: +Tue Feb 20 03:00:00 2024 UTC/);
  });

  it('carries the form and the document model as agreement.json, an associated file with relationship Data', async () => {
    const objects = qpdf(c.pdf);
    const catalog = catalogOf(objects);
    const refs = catalog['/AF'] as string[];
    expect(refs).toHaveLength(1);
    const spec = objects.get(refs[0]);
    expect(spec['/AFRelationship']).toBe('/Data');
    expect(spec['/F']).toBe('u:agreement.json');
    // qpdf shows the name decoded: the file writes /application#2Fjson.
    expect(objects.get((spec['/EF'] as Record<string, unknown>)['/F'])['/Subtype']).toBe('/application/json');
    const data = JSON.parse(qpdfAttachment(c.pdf, 'agreement.json').toString('utf8'));
    expect(data.format).toBe('kerja-sama/agreement');
    expect(data.form).toEqual(JSON.parse(JSON.stringify(c.form)));
    expect(data.document.blocks).toEqual(JSON.parse(JSON.stringify(c.document.blocks)));
    expect(data.document.templateVersion).toBe(c.document.templateVersion);
    // pdf.js finds it too, as a viewer's attachment pane does.
    const doc = await getDocument({ data: new Uint8Array(c.pdf), isEvalSupported: false }).promise;
    const attachments = (await doc.getAttachments()) as Record<
      string,
      { filename: string; content: Uint8Array }
    >;
    await doc.destroy();
    const attachment = Object.values(attachments)[0];
    expect(attachment?.filename).toBe('agreement.json');
    expect(JSON.parse(new TextDecoder().decode(attachment?.content)).document.documentNumber).toBe(
      c.document.documentNumber,
    );
  });
});

describe('the output intent’s ICC profile', () => {
  it('is a version 2.1 monitor profile in RGB that poppler (lcms2) reads and a damaged copy it refuses', async () => {
    const profile = srgbProfile();
    const view = new DataView(profile.buffer, profile.byteOffset, profile.byteLength);
    expect(view.getUint32(0)).toBe(profile.length);
    expect(Buffer.from(profile.subarray(12, 24)).toString('latin1')).toBe('mntrRGB XYZ ');
    expect(Buffer.from(profile.subarray(36, 40)).toString('latin1')).toBe('acsp');
    expect(view.getUint32(8)).toBe(0x02100000);
    const render = async (icc: Uint8Array) => {
      const pdf = await PDFDocument.create();
      const page = pdf.addPage([20, 20]);
      const stream = pdf.context.register(pdf.context.flateStream(icc, { N: 3 }));
      const image = pdf.context.register(
        pdf.context.stream(new Uint8Array([255, 0, 0]), {
          Type: 'XObject',
          Subtype: 'Image',
          Width: 1,
          Height: 1,
          BitsPerComponent: 8,
          ColorSpace: pdf.context.obj(['ICCBased', stream]),
        }),
      );
      page.node.set(PDFName.of('Resources'), pdf.context.obj({ XObject: { I: image } }));
      page.node.set(
        PDFName.of('Contents'),
        pdf.context.register(pdf.context.stream('q 20 0 0 20 0 0 cm /I Do Q')),
      );
      const dir = mkdtempSync(join(tmpdir(), 'icc-'));
      try {
        writeFileSync(join(dir, 'in.pdf'), await pdf.save());
        const result = spawnSync('pdftoppm', ['-r', '10', join(dir, 'in.pdf'), join(dir, 'out')], {
          encoding: 'utf8',
        });
        return result.stderr;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    expect(await render(profile)).toBe('');
    const damaged = profile.slice();
    damaged[36] = 0;
    expect(await render(damaged)).toMatch(/ICC/);
  });
});

describe('PDF/A after two signatures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ca-'));
  const keys = localSigningKeys(dir);
  const timestamps = new LocalTimestampAuthority(dir);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['mou', 'ksb'] as const)(
    'the %s stays PDF/A-3b: incremental, both signatures valid, appearances’ fonts embedded',
    async (name) => {
      const c = await renderCase(name);
      const signers = ['gubernur', 'sekda'].map((u) => DEMO_USERS.find((d) => d.username === u) as Identity);
      let bytes = c.pdf;
      for (const [party, signer] of signers.entries()) {
        const box = c.signatureBoxes[party];
        if (!box) throw new Error(`no box for party ${party}`);
        bytes = await signPdf(bytes, {
          signer: await keys.signerFor(signer),
          timestamps,
          revocation: httpRevocationFetcher,
          visible: {
            box,
            name: signer.name,
            capacity: ['Penandatangan'],
            verificationUrl: 'http://127.0.0.1:3000/verify/x',
          },
          fieldName: `party-${party}`,
          reason: 'Penandatanganan',
          location: 'Semarang',
          signingTime: new Date('2026-11-24T03:00:00Z'),
        });
      }
      // Incremental: the original file is the signed file's first bytes.
      expect(Buffer.from(bytes.subarray(0, c.pdf.length)).equals(Buffer.from(c.pdf))).toBe(true);
      const checks = await pdfsig(bytes, keys.rootCertificatePem);
      expect(checks).toHaveLength(2);
      for (const check of checks) expect(check).toMatchObject({ valid: true, trusted: true });
      const { catalog, annotations } = expectPdfA(bytes);
      expect(annotations).toBe(2);
      for (const key of ['/Metadata', '/OutputIntents', '/AF', '/StructTreeRoot', '/MarkInfo', '/Lang']) {
        expect(catalog, key).toHaveProperty([key]);
      }
      // Each signature's appearance brings its own subset fonts, embedded like the document's.
      const fonts = execFileSync('pdffonts', ['-'], { input: Buffer.from(bytes), encoding: 'utf8' });
      expect(fonts.trim().split('\n').length - 2).toBeGreaterThan(3);
    },
  );
});
