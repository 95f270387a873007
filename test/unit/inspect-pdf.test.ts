import { describe, expect, it } from 'vitest';
import { inspectPdf } from '../../shared/archive/inspect-pdf.js';
import { badUploads, validPdf } from '../support/bad-pdfs.js';

describe('inspecting uploaded PDFs', () => {
  it('accepts a well-formed PDF and counts its pages', async () => {
    expect(await inspectPdf(await validPdf(3))).toEqual({ ok: true, pages: 3 });
  });

  it('refuses each of at least twenty bad files with a reason, without crashing', async () => {
    const corpus = await badUploads();
    expect(corpus.length).toBeGreaterThanOrEqual(20);
    for (const file of corpus) {
      const result = await inspectPdf(file.bytes);
      expect(result.ok, file.name).toBe(false);
      if (!result.ok) expect(result.reason, file.name).toMatch(file.reason);
    }
  });
});
