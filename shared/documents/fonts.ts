import { readFile } from 'node:fs/promises';
import * as fontkit from 'fontkit';
import type { PDFFont } from 'pdf-lib';
import { FONT_FILES, type FontStyle, fontPath } from './font-files.js';

export type { FontStyle };

type FontkitFont = fontkit.Font & {
  layout(text: string): { glyphs: fontkit.Glyph[] };
  createSubset(): { encode(): Uint8Array; includeGlyph(glyph: fontkit.Glyph | number): number };
  glyphForCodePoint(codePoint: number): fontkit.Glyph;
  hasGlyphForCodePoint(codePoint: number): boolean;
  unitsPerEm: number;
};

/**
 * One parsed face with a glyph and width cache per character. Layout is one glyph per code point:
 * Latin text needs no shaping, and skipping fontkit's shaper is what makes rendering fast.
 */
export class Face {
  private readonly glyphs = new Map<string, fontkit.Glyph>();
  private readonly widths = new Map<string, number>();
  readonly bytes: Uint8Array;

  constructor(
    readonly font: FontkitFont,
    bytes: Uint8Array,
  ) {
    this.bytes = bytes;
  }

  glyph(char: string): fontkit.Glyph {
    let glyph = this.glyphs.get(char);
    if (!glyph) {
      const cp = char.codePointAt(0) ?? 63;
      glyph = this.font.glyphForCodePoint(this.font.hasGlyphForCodePoint(cp) ? cp : 63);
      this.glyphs.set(char, glyph);
    }
    return glyph;
  }

  /** Width of `text` at size 1, in points per point of font size. */
  width(text: string): number {
    let total = 0;
    for (const char of text) {
      let w = this.widths.get(char);
      if (w === undefined) {
        w = this.glyph(char).advanceWidth / this.font.unitsPerEm;
        this.widths.set(char, w);
      }
      total += w;
    }
    return total;
  }

  layout(text: string): { glyphs: fontkit.Glyph[] } {
    return { glyphs: Array.from(text, (char) => this.glyph(char)) };
  }
}

export type Faces = Record<FontStyle, Face>;

let loading: Promise<Faces> | undefined;

/** Parsed once per process: parsing a 500 KB TTF costs more than rendering a whole agreement. */
export function loadFaces(): Promise<Faces> {
  loading ??= (async () => {
    const entries = await Promise.all(
      (Object.keys(FONT_FILES) as FontStyle[]).map(async (style) => {
        const bytes = new Uint8Array(await readFile(fontPath(style)));
        const font = fontkit.create(Buffer.from(bytes)) as FontkitFont;
        return [style, new Face(font, bytes)] as const;
      }),
    );
    return Object.fromEntries(entries) as Faces;
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/**
 * The fontkit that pdf-lib's embedder sees: it hands back the already parsed face for known bytes,
 * lays text out with the face's cache, and gives subsets the `encodeStream` pdf-lib 1.17 expects
 * (fontkit 2 only has `encode`). @pdf-lib/fontkit is avoided: it blanks glyphs of these fonts.
 */
export function fontkitFor(faces: Faces) {
  const byBytes = new Map<Uint8Array, Face>(Object.values(faces).map((face) => [face.bytes, face]));
  return {
    create(data: Uint8Array) {
      const face = byBytes.get(data);
      if (!face) throw new Error('unknown font bytes: load fonts through loadFaces()');
      return new Proxy(face.font, {
        get(target, property, receiver) {
          if (property === 'layout') return (text: string) => face.layout(text);
          if (property === 'createSubset') {
            return () => {
              const subset = target.createSubset();
              return Object.assign(subset, {
                encodeStream() {
                  const bytes = subset.encode();
                  const handlers: Record<string, (arg?: unknown) => void> = {};
                  const stream = {
                    on(event: string, handler: (arg?: unknown) => void) {
                      handlers[event] = handler;
                      if (event === 'end') {
                        queueMicrotask(() => {
                          handlers.data?.(bytes);
                          handlers.end?.();
                        });
                      }
                      return stream;
                    },
                  };
                  return stream;
                },
              });
            };
          }
          return Reflect.get(target, property, receiver);
        },
      });
    },
  };
}

/**
 * Hex glyph codes per character, asked of pdf-lib once per character rather than once per string:
 * content streams written as text stay fast. Asking also records the glyph in the font's subset.
 */
export class GlyphEncoder {
  private readonly codes = new Map<string, string>();
  constructor(private readonly font: PDFFont) {}
  hex(text: string): string {
    let out = '<';
    for (const char of text.normalize('NFC')) {
      let code = this.codes.get(char);
      if (code === undefined) {
        code = this.font.encodeText(char).toString().slice(1, -1);
        this.codes.set(char, code);
      }
      out += code;
    }
    return `${out}>`;
  }
}
