import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInflate } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inspectPdf } from '../../shared/archive/inspect-pdf.js';
import { badUploads, validPdf } from '../support/bad-pdfs.js';
import { inChild } from '../support/child-process.js';
import { renderCase } from '../support/documents.js';
import {
  decompressionBomb,
  hostileUploads,
  httpsLink,
  longActionChain,
  withAttachment,
  zlibBomb,
} from '../support/hostile-pdfs.js';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('inspecting uploaded PDFs', () => {
  it('accepts a well-formed PDF and counts its pages', async () => {
    expect(inspectPdf(await validPdf(3))).toMatchObject({ ok: true, pages: 3 });
  });

  it('refuses each of at least twenty bad files with a reason, without crashing', async () => {
    const corpus = await badUploads();
    expect(corpus.length).toBeGreaterThanOrEqual(20);
    for (const file of corpus) {
      const result = inspectPdf(file.bytes);
      expect(result.ok, file.name).toBe(false);
      if (!result.ok) expect(result.reason, file.name).toMatch(file.reason);
    }
  });

  it('refuses each kind of active content, read from the object graph, with its own reason', async () => {
    const corpus = await hostileUploads();
    for (const file of corpus) {
      const result = inspectPdf(file.bytes);
      expect(result.ok, file.name).toBe(false);
      if (!result.ok) expect(result.reason, file.name).toMatch(file.reason);
    }
    // What a byte regex cannot see: escaped names, and objects inside compressed object streams.
    const hidden = corpus.filter((f) => /escaped|object stream/.test(f.name));
    expect(hidden.length).toBeGreaterThanOrEqual(3);
    for (const file of hidden) expect(text(file.bytes), file.name).not.toMatch(/\/(JavaScript|Launch)\b/);
  });

  it("lets through only the agreement's data as our PDF/A drafts carry it, nothing beside it", async () => {
    const draft = (await renderCase('mou')).pdf;
    expect(inspectPdf(draft)).toMatchObject({ ok: true });
    expect(inspectPdf(await withAttachment(Buffer.from('{"agreement":1}')))).toMatchObject({ ok: true });
    // The draft's data file is not a pass for a second file beside it.
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
    const smuggled = await withAttachment(exe, {
      base: draft,
      name: 'setup.exe',
      mimeType: 'application/json',
    });
    expect(inspectPdf(smuggled)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/embedded file \(setup\.exe\)/),
    });
    const second = await withAttachment(Buffer.from('[]'), { base: draft, name: 'extra.json', inAF: false });
    expect(inspectPdf(second)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/embedded file \(extra\.json\)/),
    });
  });

  it('accepts plain web links and long chains of harmless actions', () => {
    expect(inspectPdf(httpsLink())).toMatchObject({ ok: true, pages: 1 });
    // 20,000 actions each naming the next: walked with a heap stack, not recursion.
    expect(inspectPdf(longActionChain())).toMatchObject({ ok: true, pages: 1 });
  });

  it('builds hostile files that an independent reader (qpdf) opens as PDFs', async () => {
    // Real PDFs, not strings that only our reader would take for one.
    const corpus = await hostileUploads();
    const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
    try {
      for (const f of corpus.filter((c) => /escaped|link|additional action|names tree/.test(c.name))) {
        const file = join(dir, 'f.pdf');
        writeFileSync(file, f.bytes);
        expect(execFileSync('qpdf', ['--show-npages', file]).toString().trim(), f.name).toBe('1');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a decompression bomb', () => {
  it('is a 1 MB file whose object stream really inflates to 1 GiB', async () => {
    const bomb = zlibBomb();
    expect(bomb.length).toBeLessThan(1.1 * 1024 * 1024);
    let total = 0;
    await new Promise<void>((resolve, reject) => {
      const inflate = createInflate({ chunkSize: 1024 * 1024 });
      inflate.on('data', (chunk: Buffer) => {
        total += chunk.length;
      });
      inflate.on('end', resolve).on('error', reject);
      inflate.end(bomb);
    });
    expect(total).toBe(1024 * 1024 * 1024);
  }, 60_000);

  it('is refused with the reason, within a fixed memory budget', async () => {
    const bytes = decompressionBomb();
    expect(bytes.length).toBeLessThan(1.1 * 1024 * 1024);
    const { result, peakGrowthMb } = await inChild(bytes, {
      setup: `const { inspectPdf } = await import(${JSON.stringify(`${process.cwd()}/shared/archive/inspect-pdf.ts`)});`,
      run: 'result = inspectPdf(bytes);',
    });
    expect(result).toEqual({
      ok: false,
      reason: "the PDF's compressed objects inflate to more than 8 MB (a decompression bomb)",
    });
    // pdf-lib inflated all of it: a gigabyte. The budget is 8 MB for a 1 MB file.
    expect(peakGrowthMb).toBeLessThan(64);
  }, 60_000);
});
