import { constants, inflateSync } from 'node:zlib';
import {
  dictOf,
  PdfDict,
  PdfLimitError,
  PdfName,
  PdfRef,
  PdfStream,
  PdfSyntaxError,
  type PdfValue,
} from './objects.js';
import { Budget, limitsFor, Parser, type PdfLimits } from './parser.js';

export type XrefEntry =
  | { kind: 'free' }
  | { kind: 'offset'; offset: number; gen: number }
  | { kind: 'compressed'; stream: number; index: number };

/** One cross-reference section: what one revision (the original or an incremental update) defines. */
export interface XrefSection {
  /** Where the section starts: the revision it closes lies before this offset. */
  offset: number;
  entries: Map<number, XrefEntry>;
  trailer: PdfDict;
}

interface ObjectStream {
  buf: Uint8Array;
  first: number;
  nums: number[];
  offsets: number[];
}

const MiB = 1024 * 1024;
/** Incremental updates: a file signed by every party, with timestamps and validation data, has dozens. */
const MAX_SECTIONS = 200;

const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/**
 * A PDF file read through its cross-reference sections, one revision per incremental update, with
 * objects parsed on demand. Reading is bounded (see `limitsFor`): only object and cross-reference
 * streams are ever decoded, page content and images never are, and all of them together may inflate
 * to the budget and no further. A file whose cross-reference data is damaged is read as readers do,
 * by finding its objects one after the other.
 */
export class PdfFile {
  readonly budget: Budget;
  /** Oldest first. */
  readonly sections: XrefSection[];
  /** The cross-reference data was damaged: the objects were found by reading the file through. */
  readonly rebuilt: boolean;
  private readonly values = new Map<string, PdfValue>();
  private readonly streams = new Map<number, ObjectStream>();
  private readonly loading = new Set<string>();
  private finalRevision?: Revision;

  private constructor(
    readonly bytes: Uint8Array,
    limits: PdfLimits,
  ) {
    this.budget = new Budget(limits);
    let sections: XrefSection[] | undefined;
    try {
      sections = this.readSections();
    } catch (error) {
      if (error instanceof PdfLimitError) throw error;
    }
    this.rebuilt = !sections;
    this.sections = sections ?? [this.rebuild()];
  }

  static open(bytes: Uint8Array, limits: PdfLimits = limitsFor(bytes.length)): PdfFile {
    return new PdfFile(bytes, limits);
  }

  /** The document as the sections that start before `end` define it: the revision a signature covers. */
  revision(end = Number.POSITIVE_INFINITY): Revision {
    const entries = new Map<number, XrefEntry>();
    const trailer = new Map<string, PdfValue>();
    for (const section of this.sections) {
      if (section.offset >= end) continue;
      for (const [num, entry] of section.entries) entries.set(num, entry);
      for (const [key, value] of section.trailer.entries) trailer.set(key, value);
    }
    return new Revision(this, entries, new PdfDict(trailer));
  }

  get final(): Revision {
    this.finalRevision ??= this.revision();
    return this.finalRevision;
  }

  /** Every object every section defines, each definition once: what a sweep of the file checks. */
  *everyObject(): Generator<{ num: number; value: PdfValue }> {
    const seen = new Set<string>();
    const entries = new Map<number, XrefEntry>();
    const revision = new Revision(this, entries, this.final.trailer);
    for (const section of this.sections) {
      for (const [num, entry] of section.entries) entries.set(num, entry);
      for (const [num, entry] of section.entries) {
        const key = this.keyOf(revision, entry);
        if (!key || seen.has(key)) continue;
        seen.add(key);
        yield { num, value: revision.object(num) };
      }
    }
  }

  /** A cache key naming where an object's definition lies; undefined for a free entry. */
  keyOf(revision: Revision, entry: XrefEntry): string | undefined {
    if (entry.kind === 'offset') return `o${entry.offset}`;
    if (entry.kind === 'compressed') {
      const stream = revision.entries.get(entry.stream);
      return stream?.kind === 'offset' ? `c${stream.offset}:${entry.index}` : undefined;
    }
    return undefined;
  }

  /** The object an entry points to, parsed once per location. */
  load(revision: Revision, num: number, entry: XrefEntry): PdfValue {
    const key = this.keyOf(revision, entry);
    if (!key) return null;
    const cached = this.values.get(key);
    if (cached !== undefined) return cached;
    // A stream whose /Length refers back to itself, directly or not, reads as null.
    if (this.loading.has(key)) return null;
    this.loading.add(key);
    try {
      const value = this.parse(revision, num, entry);
      this.values.set(key, value);
      return value;
    } finally {
      this.loading.delete(key);
    }
  }

  private parse(revision: Revision, num: number, entry: XrefEntry): PdfValue {
    if (entry.kind === 'offset') {
      const parsed = new Parser(this.bytes, entry.offset, this.budget).indirect(
        (ref) => revision.resolve(ref) ?? null,
      );
      return parsed.num === num ? parsed.value : null;
    }
    if (entry.kind !== 'compressed') return null;
    const stream = revision.entries.get(entry.stream);
    if (stream?.kind !== 'offset') return null;
    const objects = this.objectStream(revision, entry.stream, stream.offset);
    if (objects.nums[entry.index] !== num) return null;
    const at = objects.first + (objects.offsets[entry.index] as number);
    return new Parser(objects.buf, at, this.budget, false).value();
  }

  private objectStream(revision: Revision, num: number, offset: number): ObjectStream {
    const cached = this.streams.get(offset);
    if (cached) return cached;
    const stream = revision.object(num);
    if (!(stream instanceof PdfStream) || stream.dict.name('Type') !== 'ObjStm') {
      throw new PdfSyntaxError(`object ${num} is not an object stream`);
    }
    const n = stream.dict.get('N');
    const first = stream.dict.get('First');
    if (!isCount(n) || !isCount(first) || n > this.budget.limits.objects) {
      throw new PdfSyntaxError(`object stream ${num} has a bad header`);
    }
    const buf = decodeStream(stream, this.budget);
    const header = new Parser(buf, 0, this.budget, false);
    const nums: number[] = [];
    const offsets: number[] = [];
    for (let i = 0; i < n; i++) {
      const objectNumber = header.integer();
      const objectOffset = header.integer();
      if (objectNumber === undefined || objectOffset === undefined || first + objectOffset > buf.length) {
        throw new PdfSyntaxError(`object stream ${num} has a bad header`);
      }
      nums.push(objectNumber);
      offsets.push(objectOffset);
    }
    const objects = { buf, first, nums, offsets };
    this.streams.set(offset, objects);
    return objects;
  }

  /** Sections newest first from `startxref`, then reversed; undefined entries mean a damaged file. */
  private readSections(): XrefSection[] {
    const start = this.startxref();
    const sections: XrefSection[] = [];
    const seen = new Set<number>();
    let total = 0;
    for (let offset: number | undefined = start; offset !== undefined; ) {
      if (seen.has(offset) || sections.length >= MAX_SECTIONS)
        throw new PdfSyntaxError('cross-reference loop');
      seen.add(offset);
      const section = this.readSection(offset);
      total += section.entries.size;
      if (total > this.budget.limits.objects) {
        throw new PdfLimitError(`the PDF has more than ${this.budget.limits.objects} objects`);
      }
      sections.push(section);
      const prev = section.trailer.get('Prev');
      offset = isCount(prev) ? prev : undefined;
    }
    sections.reverse();
    for (const section of sections) this.checkOffsets(section);
    return sections;
  }

  private startxref(): number {
    const tail = Math.max(0, this.bytes.length - 64 * 1024);
    const at = asBuffer(this.bytes).lastIndexOf('startxref', this.bytes.length, 'latin1');
    if (at < tail) throw new PdfSyntaxError('no startxref');
    const p = new Parser(this.bytes, at + 'startxref'.length, this.budget);
    const offset = p.integer();
    if (offset === undefined || offset >= this.bytes.length) throw new PdfSyntaxError('bad startxref');
    return offset;
  }

  private readSection(offset: number): XrefSection {
    const p = new Parser(this.bytes, offset, this.budget);
    if (p.peekKeyword() !== 'xref') return this.readStreamSection(offset);
    p.keyword();
    const entries = new Map<number, XrefEntry>();
    while (p.peekKeyword() !== 'trailer') {
      const first = p.integer();
      const count = p.integer();
      if (first === undefined || count === undefined || count * 18 > this.bytes.length - p.pos) {
        throw new PdfSyntaxError('bad cross-reference table');
      }
      for (let i = 0; i < count; i++) {
        const at = p.integer();
        const gen = p.integer();
        const type = p.keyword();
        if (at === undefined || gen === undefined || (type !== 'n' && type !== 'f')) {
          throw new PdfSyntaxError('bad cross-reference entry');
        }
        if (!entries.has(first + i)) {
          entries.set(first + i, type === 'n' ? { kind: 'offset', offset: at, gen } : { kind: 'free' });
        }
      }
    }
    p.keyword();
    const trailer = p.value();
    if (!(trailer instanceof PdfDict)) throw new PdfSyntaxError('bad trailer');
    // A hybrid file lists its compressed objects in a cross-reference stream beside the table.
    const hybrid = trailer.get('XRefStm');
    if (isCount(hybrid)) {
      for (const [num, entry] of this.readStreamSection(hybrid).entries) {
        if (!entries.has(num)) entries.set(num, entry);
      }
    }
    return { offset, entries, trailer };
  }

  private readStreamSection(offset: number): XrefSection {
    const { value } = new Parser(this.bytes, offset, this.budget).indirect(() => null);
    if (!(value instanceof PdfStream) || value.dict.name('Type') !== 'XRef') {
      throw new PdfSyntaxError('no cross-reference at startxref');
    }
    const dict = value.dict;
    const w = dict.get('W');
    const size = dict.get('Size');
    if (!Array.isArray(w) || w.length !== 3 || !w.every((x) => isCount(x) && x <= 8) || !isCount(size)) {
      throw new PdfSyntaxError('bad cross-reference stream');
    }
    const [w0, w1, w2] = w as [number, number, number];
    const index = dict.get('Index') ?? [0, size];
    if (!Array.isArray(index) || index.length % 2 !== 0 || !index.every(isCount)) {
      throw new PdfSyntaxError('bad cross-reference stream index');
    }
    const data = decodeStream(value, this.budget);
    const row = w0 + w1 + w2;
    const field = (at: number, width: number) => {
      let n = 0;
      for (let i = 0; i < width; i++) n = n * 256 + (data[at + i] as number);
      return n;
    };
    const entries = new Map<number, XrefEntry>();
    let at = 0;
    for (let i = 0; i < index.length; i += 2) {
      const [first, count] = [index[i] as number, index[i + 1] as number];
      if (count > this.budget.limits.objects || at + count * row > data.length) {
        throw new PdfSyntaxError('cross-reference stream too short');
      }
      for (let k = 0; k < count; k++, at += row) {
        const type = w0 ? field(at, w0) : 1;
        const a = field(at + w0, w1);
        const b = field(at + w0 + w1, w2);
        if (entries.has(first + k)) continue;
        if (type === 0) entries.set(first + k, { kind: 'free' });
        else if (type === 1) entries.set(first + k, { kind: 'offset', offset: a, gen: b });
        else if (type === 2) entries.set(first + k, { kind: 'compressed', stream: a, index: b });
      }
    }
    return { offset, entries, trailer: dict };
  }

  /** Each offset must point at its object's `num gen obj`; any that does not means a damaged table. */
  private checkOffsets(section: XrefSection): void {
    for (const [num, entry] of section.entries) {
      if (entry.kind !== 'offset') continue;
      if (entry.offset >= this.bytes.length) throw new PdfSyntaxError('offset outside the file');
      const p = new Parser(this.bytes, entry.offset, this.budget);
      if (p.integer() !== num || p.integer() === undefined || p.keyword() !== 'obj') {
        throw new PdfSyntaxError(`object ${num} is not where the table says`);
      }
    }
  }

  /**
   * Finds every `num gen obj` from the start of the file, later definitions replacing earlier ones
   * (as pdf.js and pdf-lib do with damaged files), and the last trailer that names a catalog.
   */
  private rebuild(): XrefSection {
    const bytes = this.bytes;
    const text = asBuffer(bytes);
    const entries = new Map<number, XrefEntry>();
    const trailers: PdfDict[] = [];
    const objectStreams: number[] = [];
    let catalog: number | undefined;
    for (let i = text.indexOf('obj', 0, 'latin1'); i >= 0; i = text.indexOf('obj', i, 'latin1')) {
      const start = objectStart(bytes, i);
      if (start === undefined) {
        i += 3;
        continue;
      }
      const p = new Parser(bytes, start, this.budget);
      try {
        const { num, gen, value } = p.indirect(() => null);
        entries.set(num, { kind: 'offset', offset: start, gen });
        if (entries.size > this.budget.limits.objects) {
          throw new PdfLimitError(`the PDF has more than ${this.budget.limits.objects} objects`);
        }
        const dict = dictOf(value);
        if (dict?.name('Type') === 'XRef' && dict.has('Root')) trailers.push(dict);
        if (dict?.name('Type') === 'ObjStm') objectStreams.push(num);
        if (dict?.name('Type') === 'Catalog') catalog = num;
        i = p.pos;
      } catch (error) {
        if (error instanceof PdfLimitError) throw error;
        i += 3;
      }
    }
    for (let i = text.indexOf('trailer', 0, 'latin1'); i >= 0; i = text.indexOf('trailer', i + 7, 'latin1')) {
      try {
        const dict = new Parser(bytes, i + 7, this.budget).value();
        if (dict instanceof PdfDict && dict.has('Root')) trailers.push(dict);
      } catch (error) {
        if (error instanceof PdfLimitError) throw error;
      }
    }
    const provisional = new Revision(this, entries, new PdfDict());
    for (const num of objectStreams) {
      const entry = entries.get(num);
      if (entry?.kind !== 'offset') continue;
      try {
        const objects = this.objectStream(provisional, num, entry.offset);
        objects.nums.forEach((n, index) => {
          if (!entries.has(n)) entries.set(n, { kind: 'compressed', stream: num, index });
        });
      } catch (error) {
        if (error instanceof PdfLimitError) throw error;
      }
    }
    this.values.clear();
    const trailer =
      trailers.findLast((t) => dictOf(provisional.resolve(t.get('Root')))) ??
      new PdfDict(new Map(catalog === undefined ? [] : [['Root', new PdfRef(catalog, 0)]]));
    return { offset: 0, entries, trailer };
  }
}

/** The start of `num gen obj` whose keyword is at `at`, when the bytes before it are that. */
function objectStart(b: Uint8Array, at: number): number | undefined {
  const regular = (c: number | undefined) =>
    c !== undefined && !' \t\r\n\f\0()<>[]{}/%'.includes(String.fromCharCode(c));
  if (regular(b[at + 3])) return undefined;
  let p = at - 1;
  const digits = () => {
    const end = p;
    while (p >= 0 && (b[p] as number) >= 0x30 && (b[p] as number) <= 0x39) p--;
    return end - p;
  };
  const spaces = () => {
    const end = p;
    while (p >= 0 && ' \t\r\n\f\0'.includes(String.fromCharCode(b[p] as number))) p--;
    return end - p;
  };
  if (!spaces() || !digits() || !spaces() || !digits() || regular(b[p])) return undefined;
  return p + 1;
}

const isCount = (v: PdfValue | undefined): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The document as one revision defines it. */
export class Revision {
  constructor(
    readonly file: PdfFile,
    readonly entries: Map<number, XrefEntry>,
    readonly trailer: PdfDict,
  ) {}

  object(num: number): PdfValue {
    const entry = this.entries.get(num);
    return entry ? this.file.load(this, num, entry) : null;
  }

  /** A value with references followed (a reference to a reference too, a few times at most). */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    let v = value;
    for (let i = 0; v instanceof PdfRef; i++) {
      if (i > 32) throw new PdfSyntaxError('reference chain too long');
      v = this.object(v.num);
    }
    return v;
  }

  dict(value: PdfValue | undefined): PdfDict | undefined {
    return dictOf(this.resolve(value));
  }

  /** A name entry, followed if it is a reference (readers accept `/S 12 0 R` as they do `/S /GoTo`). */
  name(dict: PdfDict | undefined, key: string): string | undefined {
    const v = this.resolve(dict?.get(key));
    return v instanceof PdfName ? v.name : undefined;
  }

  array(value: PdfValue | undefined): PdfValue[] | undefined {
    const v = this.resolve(value);
    return Array.isArray(v) ? v : undefined;
  }

  get catalog(): PdfDict | undefined {
    return this.dict(this.trailer.get('Root'));
  }

  /** Where an object's definition starts in the file (its object stream's, for a compressed one). */
  location(num: number): number | undefined {
    const entry = this.entries.get(num);
    if (entry?.kind === 'offset') return entry.offset;
    if (entry?.kind === 'compressed') {
      const stream = this.entries.get(entry.stream);
      return stream?.kind === 'offset' ? stream.offset : undefined;
    }
    return undefined;
  }
}

/**
 * A stream's data decoded, for the streams the reader needs (object and cross-reference streams):
 * Flate with PNG predictors, inflated by zlib that stops at the file's remaining budget.
 */
export function decodeStream(stream: PdfStream, budget: Budget): Uint8Array {
  const filter = stream.dict.get('Filter');
  const filters = Array.isArray(filter) ? filter : filter === undefined || filter === null ? [] : [filter];
  const parms = stream.dict.get('DecodeParms');
  let data: Uint8Array = stream.data;
  filters.forEach((f, i) => {
    const name = f instanceof PdfName ? f.name : '?';
    if (name !== 'FlateDecode' && name !== 'Fl') {
      throw new PdfSyntaxError(`unsupported compression ${name} of an object stream`);
    }
    data = inflate(data, budget);
    const p = dictOf(Array.isArray(parms) ? parms[i] : parms);
    if (p) data = unpredict(data, p, budget);
  });
  return data;
}

function spend(budget: Budget, bytes: number): void {
  budget.inflated += bytes;
  if (budget.inflated > budget.limits.inflate) bomb(budget);
}

function bomb(budget: Budget): never {
  throw new PdfLimitError(
    `the PDF's compressed objects inflate to more than ${Math.round(budget.limits.inflate / MiB)} MB (a decompression bomb)`,
  );
}

function inflate(data: Uint8Array, budget: Budget): Uint8Array {
  const remaining = budget.limits.inflate - budget.inflated;
  if (remaining <= 0) bomb(budget);
  let out: Buffer;
  try {
    out = inflateSync(data, {
      maxOutputLength: remaining,
      // Tolerates streams that end without their final block, as other readers do.
      finishFlush: constants.Z_SYNC_FLUSH,
      chunkSize: Math.min(MiB, Math.max(64 * 1024, data.length * 4)),
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') bomb(budget);
    throw new PdfSyntaxError('a compressed object stream is damaged');
  }
  spend(budget, out.length);
  budget.clock();
  return out;
}

/** PNG predictors (10–15), as cross-reference streams use them; TIFF prediction is not needed here. */
function unpredict(data: Uint8Array, parms: PdfDict, budget: Budget): Uint8Array {
  const predictor = parms.get('Predictor') ?? 1;
  if (predictor === 1) return data;
  if (typeof predictor !== 'number' || predictor < 10) {
    throw new PdfSyntaxError(`unsupported predictor ${String(predictor)} of an object stream`);
  }
  const num = (key: string, fallback: number) => {
    const v = parms.get(key);
    return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback;
  };
  const colors = num('Colors', 1);
  const bits = num('BitsPerComponent', 8);
  const columns = num('Columns', 1);
  const bpp = Math.max(1, Math.ceil((colors * bits) / 8));
  const width = Math.ceil((columns * colors * bits) / 8);
  const rows = Math.floor(data.length / (width + 1));
  spend(budget, rows * width);
  const out = new Uint8Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (width + 1)];
    const src = r * (width + 1) + 1;
    const dst = r * width;
    for (let i = 0; i < width; i++) {
      const x = data[src + i] as number;
      const left = i >= bpp ? (out[dst + i - bpp] as number) : 0;
      const up = r > 0 ? (out[dst + i - width] as number) : 0;
      const upLeft = r > 0 && i >= bpp ? (out[dst + i - width - bpp] as number) : 0;
      let v = x;
      if (type === 1) v = x + left;
      else if (type === 2) v = x + up;
      else if (type === 3) v = x + ((left + up) >> 1);
      else if (type === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        v = x + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      }
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}

export { limitsFor, type PdfLimits };
