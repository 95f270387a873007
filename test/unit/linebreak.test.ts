import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Faces, loadFaces } from '../../shared/documents/fonts.js';
import {
  breakLines,
  glyphCount,
  hyphenPoints,
  type Line,
  SOFT_HYPHEN,
  spacing,
} from '../../shared/documents/linebreak.js';
import type { Language } from '../../shared/documents/model.js';

let faces: Faces;
beforeAll(async () => {
  faces = await loadFaces();
});

/** The bilingual column's width at 10 points: where the narrow-column problems were. */
const COLUMN = 226.64;
const SIZE = 10;

/** A word with a "-" at every point where a line may end with a hyphen. */
function points(word: string, lang: Language): string {
  let out = '';
  let from = 0;
  for (const at of hyphenPoints(word, lang)) {
    out += `${word.slice(from, at)}-`;
    from = at;
  }
  return out + word.slice(from);
}

describe('hyphenation', () => {
  it.each([
    ['pemerintahan', 'pe-me-rin-tah-an'],
    ['kesepahaman', 'ke-se-pa-ham-an'],
    ['menandatangani', 'me-nan-da-ta-nga-ni'],
    ['pengembangan', 'pe-ngem-bang-an'],
  ])('splits Indonesian %s at its syllables: %s', (word, expected) => {
    expect(points(word, 'id')).toBe(expected);
  });

  it('drops the breaks the 1997 Indonesian patterns get wrong: inside a final "-kan", before a pair no syllable starts with', () => {
    expect(points('berdasarkan', 'id')).toBe('ber-da-sarkan');
    expect(points('dilaksanakan', 'id')).toBe('di-lak-sa-nakan');
    expect(points('kesejahteraan', 'id')).not.toContain('-hte');
  });

  it.each([
    ['implementation', 'im-ple-men-ta-tion'],
    ['understanding', 'un-der-stand-ing'],
  ])('splits English %s with the US patterns, three letters at least after a break: %s', (word, expected) => {
    expect(points(word, 'en')).toBe(expected);
  });

  it('leaves words in capitals and short words whole, and hyphenates where a line needs it', () => {
    expect(points('PEMERINTAH', 'id')).toBe('PEMERINTAH');
    expect(points('kami', 'id')).toBe('ka-mi');
    expect(points('the', 'en')).toBe('the');
    const lines = breakLines('kesepahaman', faces.regular, SIZE, 40, { justify: true });
    expect(lines.map((l) => l.words.join(''))).toEqual([`kesepa${SOFT_HYPHEN}`, 'haman']);
  });

  it('breaks after a hyphen that is part of the word, adding none', () => {
    const lines = breakLines('perundang-undangan', faces.regular, SIZE, 60, { justify: true, lang: 'id' });
    expect(lines.map((l) => l.words.join(' ')).join('|')).toMatch(/^perundang-\|undang/);
  });

  it('cuts a number wider than its column after a separator, and a string with none at the column’s edge', () => {
    const number = `Rp${'123.'.repeat(30)}000,00`;
    const lines = breakLines(number, faces.regular, SIZE, 100, { justify: true, lang: 'id' });
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.map((l) => l.words.join('')).join('')).toBe(number);
    for (const line of lines.slice(0, -1)) expect(line.words.join('')).toMatch(/\.$/);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(100);
    const digits = '7'.repeat(200);
    const cut = breakLines(digits, faces.regular, SIZE, 100, { justify: true });
    expect(cut.map((l) => l.words.join('')).join('')).toBe(digits);
    for (const line of cut) expect(line.width).toBeLessThanOrEqual(100);
  });

  it('breaks a URL at its slashes and dots, never with a hyphen, and an e-mail address before its @ and dots', () => {
    const url = 'https://jdih.example.go.id/peraturan/permendagri-22-tahun-2020.pdf';
    const lines = breakLines(url, faces.regular, SIZE, 80, { justify: true, lang: 'id' });
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.map((l) => l.words.join('')).join('')).toBe(url);
    expect(lines.every((l) => !l.words.join('').includes(SOFT_HYPHEN))).toBe(true);
    for (const line of lines.slice(1)) expect(line.words[0]).toMatch(/^[./-]/);
    expect(lines[0]?.words[0]).toMatch(/^https:\/\/[a-z]/);
    const email = breakLines('international@premiers.qld.gov.au', faces.regular, SIZE, 70, { justify: true });
    for (const line of email.slice(1)) expect(line.words[0]).toMatch(/^[@.]/);
  });
});

/** Indonesian and English words of the templates, with numbers, URLs and long tokens among them. */
const vocabulary = fc.constantFrom(
  'bahwa',
  'kerja',
  'sama',
  'daerah',
  'dilaksanakan',
  'berdasarkan',
  'Peraturan',
  'Pemerintah',
  'Nomor',
  '28',
  'Tahun',
  '2018',
  'PARA',
  'PIHAK',
  'sepakat',
  'untuk',
  'menandatangani',
  'kesejahteraan',
  'perundang-undangan',
  'Memorandum',
  'Understanding',
  'implementation',
  'cooperation',
  'Queensland,',
  'https://jdih.example.go.id/peraturan/permendagri-nomor-22-tahun-2020-tentang-kerja-sama.pdf',
  'kerjasama@jatengprov.go.id',
  '1234567890123456789012345678901234567890123456789012345678901234567890',
  'Chungcheongbuk-do',
  '(lima)',
);

describe('total-fit line breaking', () => {
  it('fits any text in its column, justified or ragged, with gaps of at most two spaces, and loses no character', () => {
    fc.assert(
      fc.property(
        fc.array(vocabulary, { minLength: 1, maxLength: 60 }),
        fc.constantFrom<Language>('id', 'en'),
        fc.constantFrom(COLUMN, 150, 471.28),
        fc.boolean(),
        (words, lang, width, justify) => {
          const text = words.join(' ');
          const lines = breakLines(text, faces.regular, SIZE, width, { justify, lang });
          const space = faces.regular.width(' ') * SIZE;
          for (const line of lines) {
            expect(line.width).toBeLessThanOrEqual(width + 1e-9);
            expect(faces.regular.width(line.words.join(' ')) * SIZE).toBeCloseTo(line.width, 6);
            if (!line.justify || line.words.length < 2) continue;
            const fill = spacing(width - line.width, line.words.length - 1, glyphCount(line), space, SIZE);
            expect(space + fill.stretch + 2 * fill.tracking).toBeLessThanOrEqual(2 * space + 1e-9);
            expect(fill.tracking).toBeLessThanOrEqual(0.3 + 1e-9);
          }
          const rejoined = (ls: Line[]) => ls.map((l) => l.words.join(' ')).join(' ');
          const squash = (s: string) => s.replaceAll(SOFT_HYPHEN, '').replace(/\s+/g, '');
          expect(squash(rejoined(lines))).toBe(squash(text));
          expect(lines.at(-1)?.justify).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('fills a justified line to the column: its gaps and letter spacing add up to the slack', () => {
    const text =
      'bahwa kerja sama daerah dilaksanakan berdasarkan Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah dan Peraturan Menteri Dalam Negeri Nomor 22 Tahun 2020';
    const space = faces.regular.width(' ') * SIZE;
    const lines = breakLines(text, faces.regular, SIZE, COLUMN, { justify: true, lang: 'id' });
    for (const line of lines.filter((l) => l.justify)) {
      const gaps = line.words.length - 1;
      const fill = spacing(COLUMN - line.width, gaps, glyphCount(line), space, SIZE);
      const filled = line.width + gaps * fill.stretch + (glyphCount(line) - 1) * fill.tracking;
      expect(filled).toBeCloseTo(COLUMN, 6);
    }
  });
});
