/** PDF objects as the reader gives them: names decoded, strings as bytes, references unresolved. */

export class PdfName {
  /** The name with `#xx` escapes decoded: `/Java#53cript` is `JavaScript`. */
  constructor(readonly name: string) {}
}

export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    /** Where the token (with its delimiters) lies in the file; -1 when read from a decoded stream. */
    readonly start: number,
    readonly end: number,
  ) {}

  /** The text, as PDF text strings are encoded: UTF-16BE or UTF-8 with a byte-order mark, else PDFDocEncoding. */
  text(): string {
    const b = this.bytes;
    if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder().decode(b.subarray(3));
    return Buffer.from(b).toString('latin1');
  }
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

export class PdfDict {
  constructor(readonly entries: Map<string, PdfValue> = new Map()) {}

  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The value of a key when it is a name (direct), e.g. `/Type`. */
  name(key: string): string | undefined {
    const v = this.entries.get(key);
    return v instanceof PdfName ? v.name : undefined;
  }
}

export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    /** The encoded data: a view of the file, never copied. */
    readonly data: Uint8Array,
  ) {}
}

export type PdfValue =
  | null
  | boolean
  | number
  | PdfName
  | PdfString
  | PdfRef
  | PdfValue[]
  | PdfDict
  | PdfStream;

/** The dictionary of a dictionary or a stream, else undefined. */
export const dictOf = (v: PdfValue | undefined): PdfDict | undefined =>
  v instanceof PdfDict ? v : v instanceof PdfStream ? v.dict : undefined;

/** A problem that makes the file unreadable as a PDF. */
export class PdfSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfSyntaxError';
  }
}

/** The file asks for more work or memory than a real agreement needs; the message is for the uploader. */
export class PdfLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfLimitError';
  }
}
