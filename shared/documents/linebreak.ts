import { createRequire } from 'node:module';
import createHyphenator from 'hyphen/hyphen.js';
import type { Face } from './fonts.js';
import type { Language } from './model.js';

/**
 * Line breaking for narrow justified columns: Liang's hyphenation patterns (TeX's, through the `hyphen`
 * package) for Indonesian and English, allowed break points in URLs, e-mail addresses and numbers, and a
 * total-fit choice of breaks (Knuth and Plass) that keeps every word gap at most twice a normal space.
 */

/** Drawn at a hyphenation break: it renders as a hyphen and reads as nothing (ISO 32000-1, 14.8.2.2.3). */
export const SOFT_HYPHEN = '\u00AD';

/** One laid-out line: words and the gap to stretch between them when justified. */
export interface Line {
  words: string[];
  width: number;
  justify: boolean;
}

/**
 * Word gaps may grow to twice the space, and never shrink: Word and LibreOffice do not shrink them
 * either, so the DOCX breaks its lines much as the PDF does. When the gaps alone cannot fill a line
 * (long Indonesian words in a narrow column), letters are spaced by up to 3 % of the type size.
 */
const MAX_STRETCH = 1;
const MAX_TRACKING = 0.03;

/** Penalties (Knuth and Plass): a hyphen costs more than a break after a hyphen or slash; cutting a word anywhere costs most. */
const COST = { hyphen: 50, free: 20, url: 10, emergency: 3000, consecutiveHyphens: 10000, line: 10 };

interface Hyphenation {
  /** The pattern file, required on first use. */
  patterns: string;
  hyphenate?: (word: string) => string;
  /** Letters kept before and after a break: TeX's \lefthyphenmin and \righthyphenmin for the patterns. */
  left: number;
  right: number;
  allowed: (word: string, at: number) => boolean;
  cache: Map<string, number[]>;
}

const CONSONANT = /^[bcdfghjklmnpqrstvwxyz]$/;
/** Consonant pairs that may begin an Indonesian syllable: digraphs and the clusters of loanwords. */
const ONSETS = new Set(
  'ng ny kh sy pr tr kr br dr gr fr pl bl kl gl fl sl sp st sk sw sm sn tw kw dw'.split(' '),
);

/**
 * TeX's Indonesian patterns (inhyph.tex, 1997) split the suffix "-an" everywhere: "berdasarkan" becomes
 * "ber-da-sark-an", and a consonant pair they do not know may start a line ("kesejah-teraan" becomes
 * "ke-se-ja-hte-ra-an"). Breaks inside a final "-kan" (a suffix or "k" + "-an", which only a dictionary
 * tells apart) and before a pair no syllable starts with are dropped: a missed break costs a little
 * spacing, a wrong one a Biro clerk's correction.
 */
function indonesianAllowed(word: string, at: number): boolean {
  const lower = word.toLowerCase();
  const [a = '', b = ''] = [lower[at], lower[at + 1]];
  if (CONSONANT.test(a) && CONSONANT.test(b) && !ONSETS.has(a + b)) return false;
  return !(lower.endsWith('kan') && at >= lower.length - 3);
}

/**
 * The patterns are data, not code, and loaded like the fonts: required on first use, from node_modules,
 * which a Lambda bundle carries beside index.mjs (infra/bundle.ts copies HYPHENATION_PATTERNS there).
 * English is hyphenated with the US patterns, Indonesian with TeX's.
 */
const LANGUAGES: Record<Language, Hyphenation> = {
  id: { patterns: 'hyphen/patterns/id.js', left: 2, right: 2, allowed: indonesianAllowed, cache: new Map() },
  en: { patterns: 'hyphen/patterns/en-us.js', left: 2, right: 3, allowed: () => true, cache: new Map() },
};

export const HYPHENATION_PATTERNS = Object.values(LANGUAGES).map((l) => l.patterns);

const load = createRequire(import.meta.url);

function hyphenator(h: Hyphenation): (word: string) => string {
  h.hyphenate ??= createHyphenator(load(h.patterns), {
    hyphenChar: SOFT_HYPHEN,
    html: false,
    minWordLength: 1,
  });
  return h.hyphenate;
}

/** Offsets inside `word` where a hyphen may go; words in capitals (PARA PIHAK, acronyms) are left whole. */
export function hyphenPoints(word: string, lang: Language): number[] {
  const h = LANGUAGES[lang];
  let points = h.cache.get(word);
  if (points) return points;
  points = [];
  if (word.length >= h.left + h.right && word !== word.toLocaleUpperCase(lang)) {
    let at = 0;
    for (const part of hyphenator(h)(word).split(SOFT_HYPHEN).slice(0, -1)) {
      at += part.length;
      if (at >= h.left && word.length - at >= h.right && h.allowed(word, at)) points.push(at);
    }
  }
  h.cache.set(word, points);
  return points;
}

type BreakKind = keyof typeof COST & ('hyphen' | 'free' | 'url' | 'emergency');

/** A piece of a space-separated token and how the line may break after it. */
interface Piece {
  text: string;
  after?: BreakKind;
}

const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)|^[^@\s]+@[^@\s]+\.[^@\s]+$/i;

/**
 * Break points of a URL or e-mail address as the Chicago Manual of Style sets them: after "//" and ":",
 * before a single slash, a dot, a comma, a hyphen, an underscore, "?", "#", "%", "~" and "@", before or
 * after "=" and "&"; never a hyphen added, which would read as part of the address.
 */
function urlPoints(token: string): number[] {
  const points: number[] = [];
  const scheme = token.indexOf('://');
  for (let i = scheme >= 0 ? scheme + 3 : 2; i < token.length - 1; i++) {
    const [before, char, after] = [token[i - 1], token[i], token[i + 1]];
    const slash = char === '/' && before !== '/' && after !== '/';
    if (
      slash ||
      '.,-_?#%~@=&'.includes(char as string) ||
      (before === '/' && token[i - 2] === '/') ||
      before === ':' ||
      before === '=' ||
      before === '&'
    ) {
      points.push(i);
    }
  }
  return points;
}

/** Splits a token at the points given, each piece breaking `kind` after it. */
function cut(token: string, points: readonly number[], kind: BreakKind): Piece[] {
  const pieces: Piece[] = [];
  let from = 0;
  for (const at of points) {
    if (at <= from || at >= token.length) continue;
    pieces.push({ text: token.slice(from, at), after: kind });
    from = at;
  }
  pieces.push({ text: token.slice(from) });
  return pieces;
}

/** A token's pieces: URL points, breaks after hyphens and slashes, soft hyphens typed in, hyphenation. */
function pieces(token: string, lang: Language, hyphenate: boolean): Piece[] {
  if (URL_LIKE.test(token)) return cut(token, urlPoints(token), 'url');
  const out: Piece[] = [];
  const hard = token.split(/(?<=[-/–—](?=.))/u);
  hard.forEach((segment, i) => {
    const typed = segment.split(SOFT_HYPHEN);
    typed.forEach((part, j) => {
      const last = j === typed.length - 1 ? (i === hard.length - 1 ? undefined : 'free') : 'hyphen';
      const inner = hyphenate && !/\d/.test(part) ? wordPoints(part, lang) : [];
      const cutParts = cut(part, inner, 'hyphen');
      const tail = cutParts.at(-1) as Piece;
      if (last) tail.after = last;
      else delete tail.after;
      out.push(...cutParts);
    });
  });
  return out.filter((p) => p.text.length > 0);
}

/** Hyphenation points of the letter runs of a word with punctuation around it ("(kesepahaman),"). */
function wordPoints(part: string, lang: Language): number[] {
  const points: number[] = [];
  for (const match of part.matchAll(/\p{L}+/gu)) {
    for (const at of hyphenPoints(match[0], lang)) points.push((match.index ?? 0) + at);
  }
  return points;
}

const BOX = 0;
const GLUE = 1;
const PENALTY = 2;

/**
 * A paragraph as Knuth and Plass see it: boxes (text), glue (spaces) and penalties (break points inside a
 * word), one array per property, with prefix sums so that a line's natural width is a subtraction.
 */
class Items {
  readonly kind: number[] = [];
  /** A box's or a space's width; a penalty's is the hyphen drawn when the line breaks there. */
  readonly width: number[] = [];
  readonly glyphs: number[] = [];
  readonly cost: number[] = [];
  readonly hyphen: boolean[] = [];
  readonly text: string[] = [];
  readonly sumWidth: number[] = [0];
  readonly sumGlue: number[] = [0];
  readonly sumGlyphs: number[] = [0];

  get length() {
    return this.kind.length;
  }

  push(kind: number, width: number, glyphs: number, text: string, cost = 0, hyphen = false) {
    const k = this.kind.length;
    this.kind.push(kind);
    this.width.push(width);
    this.glyphs.push(glyphs);
    this.text.push(text);
    this.cost.push(cost);
    this.hyphen.push(hyphen);
    this.sumWidth.push((this.sumWidth[k] as number) + (kind === PENALTY ? 0 : width));
    this.sumGlue.push((this.sumGlue[k] as number) + (kind === GLUE ? 1 : 0));
    this.sumGlyphs.push((this.sumGlyphs[k] as number) + (kind === PENALTY ? 0 : glyphs));
  }

  /** Width drawn at a break: a penalty's hyphen. */
  breakWidth(k: number): number {
    return this.kind[k] === PENALTY ? (this.width[k] as number) : 0;
  }
}

/**
 * A piece wider than the column (a long number, a code) is cut where it fills the column: after its last
 * separator that fits (".", ",", ":", ";", "/", "_", "-"), or else at the edge. The last resort, never
 * with a hyphen added.
 */
function fitting(piece: Piece, face: Face, size: number, width: number): Piece[] {
  const out: Piece[] = [];
  let current = '';
  for (const char of piece.text) {
    if (current && face.width(current + char) * size > width) {
      const separator = Math.max(...[...'.,:;/_-'].map((c) => current.lastIndexOf(c)));
      const cut = separator > 0 && separator < current.length - 1 ? separator + 1 : current.length;
      out.push({ text: current.slice(0, cut), after: 'emergency' });
      current = current.slice(cut);
    }
    current += char;
  }
  out.push({ text: current, ...(piece.after ? { after: piece.after } : {}) });
  return out;
}

interface Measured extends Piece {
  /** At a size of one point. */
  width: number;
  glyphs: number;
}

/**
 * A token's pieces and their widths, per face: a document repeats its words, and so does every agreement
 * (the templates' clauses). Bounded, as a Lambda lives through many documents.
 */
const measuredTokens = new WeakMap<Face, Map<string, Measured[]>>();
const MEASURED_LIMIT = 50_000;

function measured(token: string, face: Face, lang: Language, hyphenate: boolean): Measured[] {
  let cache = measuredTokens.get(face);
  if (!cache) {
    cache = new Map();
    measuredTokens.set(face, cache);
  }
  const key = `${lang}${hyphenate ? 1 : 0}${token}`;
  let out = cache.get(key);
  if (!out) {
    if (cache.size >= MEASURED_LIMIT) cache.clear();
    out = pieces(token, lang, hyphenate).map((p) => ({
      ...p,
      width: face.width(p.text),
      glyphs: [...p.text].length,
    }));
    cache.set(key, out);
  }
  return out;
}

function items(
  paragraph: string,
  face: Face,
  size: number,
  width: number,
  lang: Language,
  hyphenate: boolean,
): Items {
  const out = new Items();
  const space = face.width(' ') * size;
  const hyphenWidth = face.width(SOFT_HYPHEN) * size;
  for (const token of paragraph.split(' ')) {
    if (!token) continue;
    if (out.length) out.push(GLUE, space, 1, '');
    for (const measure of measured(token, face, lang, hyphenate)) {
      const split =
        measure.width * size <= width
          ? [measure]
          : fitting(measure, face, size, width).map((p) => ({
              ...p,
              width: face.width(p.text),
              glyphs: [...p.text].length,
            }));
      for (const piece of split) {
        out.push(BOX, piece.width * size, piece.glyphs, piece.text);
        if (!piece.after) continue;
        const hyphen = piece.after === 'hyphen';
        out.push(PENALTY, hyphen ? hyphenWidth : 0, hyphen ? 1 : 0, '', COST[piece.after], hyphen);
      }
    }
  }
  return out;
}

/** The lines between chosen break items, words assembled from their pieces. */
function linesFrom(list: Items, breaks: number[], widths: number[], justify: boolean): Line[] {
  const lines: Line[] = [];
  let start = 0;
  breaks.forEach((end, n) => {
    const words: string[] = [];
    let word = '';
    for (let k = start; k < end; k++) {
      const kind = list.kind[k];
      if (kind === BOX) word += list.text[k];
      else if (kind === GLUE) {
        if (word) words.push(word);
        word = '';
      }
    }
    if (list.hyphen[end]) word += SOFT_HYPHEN;
    if (word) words.push(word);
    const last = n === breaks.length - 1;
    lines.push({ words, width: widths[n] as number, justify: justify && !last });
    start = end + 1;
  });
  return lines;
}

/**
 * How a justified line fills its column: each word gap grows by `stretch` (at most one space) and, when
 * that is not enough, every glyph by `tracking`; what still remains is left ragged. A word gap is then
 * space + stretch + 2 × tracking (the tracking after the last letter and after the space), never more
 * than two spaces.
 */
export function spacing(
  slack: number,
  gaps: number,
  glyphs: number,
  space: number,
  size: number,
): { stretch: number; tracking: number } {
  if (slack <= gaps * space * MAX_STRETCH) return { stretch: gaps ? slack / gaps : 0, tracking: 0 };
  const spreads = glyphs - 1 - 2 * gaps;
  if (spreads <= 0) return { stretch: gaps ? space * MAX_STRETCH : 0, tracking: 0 };
  const tracking = Math.min((slack - gaps * space * MAX_STRETCH) / spreads, size * MAX_TRACKING);
  return { stretch: space * MAX_STRETCH - 2 * tracking, tracking };
}

/** Glyphs drawn on a line, spaces and a final hyphen included. */
export const glyphCount = (line: Line): number =>
  line.words.reduce((n, word) => n + [...word].length, 0) + Math.max(0, line.words.length - 1);

/**
 * Total fit: the breaks that minimise the paragraph's demerits, each line's badness the cube of how far
 * its gaps stretch or shrink. A line whose gaps would pass twice the space is kept only when nothing
 * else fits (a word too long to share a line), and is then drawn with gaps capped and a ragged end.
 */
function totalFit(
  list: Items,
  width: number,
  space: number,
  size: number,
): { breaks: number[]; widths: number[] } | null {
  const { sumWidth, sumGlue, sumGlyphs } = list;
  const track = size * MAX_TRACKING;
  const candidates = [-1];
  for (let k = 0; k < list.length; k++) if (list.kind[k] !== BOX) candidates.push(k);
  candidates.push(list.length);
  const n = candidates.length;
  const hyphenAt = candidates.map((k) => list.hyphen[k] === true);
  const best = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const from = new Int32Array(n).fill(-1);
  const natural = new Float64Array(n);
  best[0] = 0;
  for (let bi = 1; bi < n; bi++) {
    const b = candidates[bi] as number;
    const last = bi === n - 1;
    const endWidth = list.breakWidth(b);
    const endHyphen = hyphenAt[bi] as boolean;
    const cost = list.kind[b] === PENALTY ? (list.cost[b] as number) : 0;
    const endSum = (sumWidth[b] as number) + endWidth;
    let bestHere = Number.POSITIVE_INFINITY;
    for (let ai = bi - 1; ai >= 0; ai--) {
      const start = (candidates[ai] as number) + 1;
      const nat = endSum - (sumWidth[start] as number);
      if (nat > width) break;
      const before = best[ai] as number;
      if (before === Number.POSITIVE_INFINITY) continue;
      let badness = 0;
      if (!last) {
        const gaps = (sumGlue[b] as number) - (sumGlue[start] as number);
        const slack = width - nat;
        const stretchable = gaps * space * MAX_STRETCH;
        if (slack <= stretchable) badness = stretchable ? 100 * (slack / stretchable) ** 3 : 0;
        else {
          const spreads =
            (sumGlyphs[b] as number) - (sumGlyphs[start] as number) + (endHyphen ? 1 : 0) - 1 - 2 * gaps;
          const needed = spreads > 0 ? (slack - stretchable) / (spreads * track) : 10;
          badness = needed <= 1 ? 100 + 900 * needed ** 2 : 5000 + 100 * Math.min(needed, 10) ** 3;
        }
      }
      const doubled = endHyphen && hyphenAt[ai] ? COST.consecutiveHyphens : 0;
      const demerits = (COST.line + badness) ** 2 + cost * cost + doubled + before;
      if (demerits < bestHere) {
        bestHere = demerits;
        from[bi] = ai;
        natural[bi] = nat;
      }
    }
    best[bi] = bestHere;
  }
  if (best[n - 1] === Number.POSITIVE_INFINITY) return null;
  const breaks: number[] = [];
  const widths: number[] = [];
  for (let bi = n - 1; bi > 0; bi = from[bi] as number) {
    breaks.push(candidates[bi] as number);
    widths.push(natural[bi] as number);
  }
  return { breaks: breaks.reverse(), widths: widths.reverse() };
}

/** First fit, for ragged and centred text: each line takes what fits, breaking at the last allowed point. */
function firstFit(list: Items, width: number): { breaks: number[]; widths: number[] } {
  const breaks: number[] = [];
  const widths: number[] = [];
  let start = 0;
  let lastBreak = -1;
  const span = (end: number) => (list.sumWidth[end] as number) - (list.sumWidth[start] as number);
  for (let k = 0; k < list.length; k++) {
    if (list.kind[k] !== BOX) {
      if (span(k) + list.breakWidth(k) <= width || lastBreak < start) lastBreak = k;
    } else if (span(k + 1) > width && lastBreak >= start) {
      breaks.push(lastBreak);
      widths.push(span(lastBreak) + list.breakWidth(lastBreak));
      start = lastBreak + 1;
      k = lastBreak;
    }
  }
  breaks.push(list.length);
  widths.push(span(list.length));
  return { breaks, widths };
}

export interface BreakOptions {
  /** Justified text is hyphenated and broken for the best total fit; other text takes what fits. */
  justify: boolean;
  lang?: Language;
  /** Hyphenate words; on by default for justified text. */
  hyphenate?: boolean;
}

/** Printable text only: NFC so that composed letters (ẵ, ồ) map to one glyph; tabs and controls become spaces. */
export function clean(text: string): string {
  return text.normalize('NFC').replace(/[^\P{Cc}\n]/gu, ' ');
}

/**
 * Ragged text whose every word fits the column, word by word: the periodic report wraps thousands of
 * table cells, and needs no break points inside words. Undefined when a word is wider than the column.
 */
function wordByWord(paragraph: string, face: Face, size: number, width: number): Line[] | undefined {
  const space = face.width(' ') * size;
  const lines: Line[] = [];
  let words: string[] = [];
  let lineWidth = 0;
  for (const word of paragraph.split(' ')) {
    if (!word) continue;
    const w = face.width(word) * size;
    if (w > width) return undefined;
    if (words.length && lineWidth + space + w > width) {
      lines.push({ words, width: lineWidth, justify: false });
      words = [];
      lineWidth = 0;
    }
    lineWidth += (words.length ? space : 0) + w;
    words.push(word);
  }
  lines.push({ words, width: lineWidth, justify: false });
  return lines;
}

/** Breaks a text into lines of at most `width` points; a '\n' starts a new line. */
export function breakLines(
  text: string,
  face: Face,
  size: number,
  width: number,
  options: BreakOptions,
): Line[] {
  const lang = options.lang ?? 'id';
  const hyphenate = options.hyphenate ?? options.justify;
  const space = face.width(' ') * size;
  return clean(text)
    .split('\n')
    .flatMap((paragraph) => {
      const simple = !options.justify && !hyphenate ? wordByWord(paragraph, face, size, width) : undefined;
      if (simple) return simple;
      const list = items(paragraph, face, size, width, lang, hyphenate);
      if (!list.length) return [{ words: [], width: 0, justify: false }];
      const fit = (options.justify && totalFit(list, width, space, size)) || firstFit(list, width);
      return linesFrom(list, fit.breaks, fit.widths, options.justify);
    });
}

/** Ragged lines without hyphenation: table cells and captions. */
export const wrap = (text: string, face: Face, size: number, width: number, justify: boolean): Line[] =>
  breakLines(text, face, size, width, { justify, hyphenate: justify });
