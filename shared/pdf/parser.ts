import {
  PdfDict,
  PdfLimitError,
  PdfName,
  PdfRef,
  PdfStream,
  PdfString,
  PdfSyntaxError,
  type PdfValue,
} from './objects.js';

/** What reading one file may cost; exceeded, the reader stops with a reason instead of working on. */
export interface PdfLimits {
  /** Bytes that all decoded streams together may inflate to. */
  inflate: number;
  /** Objects listed by the cross-reference sections (or found when they are rebuilt). */
  objects: number;
  /** Arrays and dictionaries nested inside one another. */
  depth: number;
  /** Values parsed in all (numbers, names, strings, arrays, dictionaries). */
  values: number;
  /** Wall-clock time for reading, checked as values are parsed. */
  millis: number;
}

const MiB = 1024 * 1024;

/**
 * Limits in proportion to the file, with absolute caps: object streams of real files inflate to a
 * fraction of the file (they hold dictionaries, not page content or images), so a budget of four
 * times the file, at least 8 MiB and at most 64 MiB, refuses a bomb after milliseconds.
 */
export function limitsFor(size: number): PdfLimits {
  return {
    inflate: Math.min(64 * MiB, Math.max(8 * MiB, 4 * size)),
    objects: 400_000,
    depth: 64,
    // A 300-page tagged PDF has a few hundred thousand; a scan, a few thousand.
    values: Math.min(2_500_000, 500_000 + Math.floor(size / 8)),
    millis: 10_000,
  };
}

/** The running cost of reading one file, shared by every parser working on it. */
export class Budget {
  inflated = 0;
  values = 0;
  private readonly started = performance.now();

  constructor(readonly limits: PdfLimits) {}

  value(): void {
    this.values++;
    if (this.values > this.limits.values) {
      throw new PdfLimitError(`the PDF has more than ${this.limits.values} objects and values to check`);
    }
    if ((this.values & 0xfff) === 0) this.clock();
  }

  clock(): void {
    if (performance.now() - this.started > this.limits.millis) {
      throw new PdfLimitError(`checking the PDF took longer than ${this.limits.millis / 1000} seconds`);
    }
  }
}

const WHITE = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITE[c] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;
/** \n \r \t \b \f in literal strings. */
const ESCAPES: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12 };
const isRegular = (c: number | undefined) => c !== undefined && !WHITE[c] && !DELIMITER[c];
const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;

/** Bytes as a Latin-1 string without copying them into a new buffer. */
function latin1(b: Uint8Array, start: number, end: number): string {
  if (end - start <= 16) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(b[i] as number);
    return s;
  }
  return Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('latin1');
}

function hexValue(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Resolves a stream's indirect /Length while its object is being read. */
export type LengthResolver = (ref: PdfRef) => PdfValue;

/**
 * A PDF parser over bytes of the file (or of a decoded object stream): tokens, values and indirect
 * objects. Names are decoded, strings keep where they lie in the file, stream data is a view.
 */
export class Parser {
  constructor(
    readonly buf: Uint8Array,
    public pos: number,
    private readonly budget: Budget,
    /** Positions are file offsets (false inside a decoded object stream). */
    private readonly inFile = true,
  ) {}

  skipSpace(): void {
    const b = this.buf;
    for (;;) {
      const c = b[this.pos];
      if (c === undefined) return;
      if (WHITE[c]) this.pos++;
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else return;
    }
  }

  /** A keyword or other run of regular characters at the position, without consuming it. */
  peekKeyword(): string {
    this.skipSpace();
    let end = this.pos;
    while (end - this.pos < 16 && isRegular(this.buf[end])) end++;
    return latin1(this.buf, this.pos, end);
  }

  keyword(): string {
    const word = this.peekKeyword();
    this.pos += word.length;
    return word;
  }

  expect(word: string): void {
    const got = this.keyword();
    if (got !== word) throw new PdfSyntaxError(`expected ${word}, found ${got || 'nothing'}`);
  }

  /** A non-negative integer, or undefined (and the position unchanged). */
  integer(): number | undefined {
    this.skipSpace();
    let p = this.pos;
    let n = 0;
    while (isDigit(this.buf[p])) {
      n = n * 10 + ((this.buf[p] as number) - 0x30);
      p++;
      if (p - this.pos > 15) return undefined;
    }
    if (p === this.pos || isRegular(this.buf[p])) return undefined;
    this.pos = p;
    return n;
  }

  value(depth = 0): PdfValue {
    this.budget.value();
    if (depth > this.budget.limits.depth) {
      throw new PdfLimitError(`the PDF nests objects more than ${this.budget.limits.depth} levels deep`);
    }
    this.skipSpace();
    const c = this.buf[this.pos];
    if (c === undefined) throw new PdfSyntaxError('unexpected end of data');
    if (c === 0x2f) return this.name();
    if (c === 0x28) return this.literal();
    if (c === 0x3c) return this.buf[this.pos + 1] === 0x3c ? this.dict(depth) : this.hex();
    if (c === 0x5b) return this.array(depth);
    if (isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e) return this.numberOrRef();
    const word = this.keyword();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    throw new PdfSyntaxError(`unexpected ${word || `byte ${c}`} at ${this.pos}`);
  }

  private name(): PdfName {
    const b = this.buf;
    const start = ++this.pos;
    let end = start;
    while (isRegular(b[end]) && b[end] !== 0x23) end++;
    if (!isRegular(b[end])) {
      this.pos = end;
      return new PdfName(latin1(b, start, end));
    }
    // With #xx escapes: decoded byte by byte.
    const out: number[] = [];
    while (isRegular(b[this.pos])) {
      const c = b[this.pos] as number;
      const hi = c === 0x23 ? hexValue(b[this.pos + 1]) : -1;
      const lo = hi >= 0 ? hexValue(b[this.pos + 2]) : -1;
      if (lo >= 0) {
        out.push(hi * 16 + lo);
        this.pos += 3;
      } else {
        out.push(c);
        this.pos++;
      }
    }
    return new PdfName(Buffer.from(out).toString('latin1'));
  }

  private literal(): PdfString {
    const b = this.buf;
    const start = this.pos++;
    const out: number[] = [];
    let depth = 1;
    for (;;) {
      const c = b[this.pos++];
      if (c === undefined) throw new PdfSyntaxError('unterminated string');
      if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) break;
      if (c === 0x5c) {
        const e = b[this.pos++];
        if (e === undefined) throw new PdfSyntaxError('unterminated string');
        const simple = ESCAPES[e];
        if (simple !== undefined) out.push(simple);
        else if (e >= 0x30 && e <= 0x37) {
          let n = e - 0x30;
          for (let i = 0; i < 2 && (b[this.pos] ?? 0) >= 0x30 && (b[this.pos] ?? 0) <= 0x37; i++) {
            n = n * 8 + ((b[this.pos++] as number) - 0x30);
          }
          out.push(n & 0xff);
        } else if (e === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++;
        } else if (e !== 0x0a) out.push(e);
      } else if (c === 0x0d) {
        if (b[this.pos] === 0x0a) this.pos++;
        out.push(0x0a);
      } else out.push(c);
    }
    return this.string(Uint8Array.from(out), start);
  }

  private hex(): PdfString {
    const b = this.buf;
    const start = this.pos++;
    const out = new Uint8Array(Math.ceil(this.scanTo(0x3e) / 2));
    let n = 0;
    let high = -1;
    for (;;) {
      const c = b[this.pos++];
      if (c === 0x3e) break;
      if (c !== undefined && WHITE[c]) continue;
      const v = hexValue(c);
      if (v < 0) throw new PdfSyntaxError('bad hexadecimal string');
      if (high < 0) high = v;
      else {
        out[n++] = high * 16 + v;
        high = -1;
      }
    }
    if (high >= 0) out[n++] = high * 16;
    return this.string(out.subarray(0, n), start);
  }

  /** How many bytes lie before the next `byte`: bounds a hexadecimal string before decoding it. */
  private scanTo(byte: number): number {
    const end = this.buf.indexOf(byte, this.pos);
    if (end < 0) throw new PdfSyntaxError('unterminated hexadecimal string');
    return end - this.pos;
  }

  private string(bytes: Uint8Array, start: number): PdfString {
    return this.inFile ? new PdfString(bytes, start, this.pos) : new PdfString(bytes, -1, -1);
  }

  private array(depth: number): PdfValue[] {
    this.pos++;
    const out: PdfValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.buf[this.pos] === 0x5d) {
        this.pos++;
        return out;
      }
      out.push(this.value(depth + 1));
    }
  }

  private dict(depth: number): PdfDict {
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipSpace();
      const c = this.buf[this.pos];
      if (c === 0x3e && this.buf[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return new PdfDict(entries);
      }
      if (c !== 0x2f) throw new PdfSyntaxError(`dictionary key expected at ${this.pos}`);
      const key = this.name().name;
      entries.set(key, this.value(depth + 1));
    }
  }

  private numberOrRef(): number | PdfRef {
    const start = this.pos;
    const n = this.number();
    if (!Number.isInteger(n) || n < 0 || this.buf[start] === 0x2b || this.buf[start] === 0x2d) return n;
    const after = this.pos;
    const gen = this.integer();
    if (gen !== undefined) {
      this.skipSpace();
      if (this.buf[this.pos] === 0x52 && !isRegular(this.buf[this.pos + 1])) {
        this.pos++;
        return new PdfRef(n, gen);
      }
    }
    this.pos = after;
    return n;
  }

  private number(): number {
    const b = this.buf;
    const start = this.pos;
    let negative = false;
    if (b[this.pos] === 0x2b) this.pos++;
    // Some writers emit "--1"; readers take it as -1.
    while (b[this.pos] === 0x2d) {
      negative = true;
      this.pos++;
    }
    let value = 0;
    let scale = 0;
    let digits = 0;
    for (let c = b[this.pos]; c !== undefined && (isDigit(c) || c === 0x2e); c = b[++this.pos]) {
      if (c === 0x2e) {
        if (scale) throw new PdfSyntaxError(`bad number at ${start}`);
        scale = 1;
        continue;
      }
      value = value * 10 + (c - 0x30);
      if (scale) scale *= 10;
      digits++;
    }
    if (!digits || isRegular(b[this.pos])) throw new PdfSyntaxError(`bad number at ${start}`);
    const n = scale ? value / scale : value;
    return negative ? -n : n;
  }

  /**
   * `num gen obj … endobj` at the position: its value, with a stream's data as a view of the buffer.
   * A wrong /Length is tolerated as readers do: the data then ends at the next `endstream`.
   */
  indirect(resolveLength: LengthResolver): { num: number; gen: number; value: PdfValue } {
    const num = this.integer();
    const gen = num === undefined ? undefined : this.integer();
    if (num === undefined || gen === undefined || this.keyword() !== 'obj') {
      throw new PdfSyntaxError(`no object at ${this.pos}`);
    }
    const value = this.value();
    if (value instanceof PdfDict && this.peekKeyword() === 'stream') {
      return { num, gen, value: this.stream(value, resolveLength) };
    }
    return { num, gen, value };
  }

  private stream(dict: PdfDict, resolveLength: LengthResolver): PdfStream {
    const b = this.buf;
    this.pos += 'stream'.length;
    if (b[this.pos] === 0x0d) this.pos++;
    if (b[this.pos] === 0x0a) this.pos++;
    const start = this.pos;
    let length = dict.get('Length');
    if (length instanceof PdfRef) length = resolveLength(length);
    if (typeof length === 'number' && Number.isInteger(length) && length >= 0 && start + length <= b.length) {
      const at = new Parser(b, start + length, this.budget, this.inFile);
      if (at.peekKeyword() === 'endstream') {
        this.pos = at.pos + 'endstream'.length;
        return new PdfStream(dict, b.subarray(start, start + length));
      }
    }
    const end = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf('endstream', start, 'latin1');
    if (end < 0) throw new PdfSyntaxError('stream without endstream');
    let dataEnd = end;
    if (b[dataEnd - 1] === 0x0a) dataEnd--;
    if (b[dataEnd - 1] === 0x0d) dataEnd--;
    this.pos = end + 'endstream'.length;
    return new PdfStream(dict, b.subarray(start, Math.max(start, dataEnd)));
  }
}
