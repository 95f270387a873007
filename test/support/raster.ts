import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Raster {
  width: number;
  height: number;
  /** Grey levels, 0 black to 255 white, row by row. */
  pixels: Uint8Array;
}

/** Rasterises one PDF page with poppler's pdftoppm (independent of the PDF writer) into grey pixels. */
export function rasterise(pdf: Uint8Array, page = 1, dpi = 50): Raster {
  const dir = mkdtempSync(join(tmpdir(), 'raster-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', [
      '-gray',
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      join(dir, 'in.pdf'),
      join(dir, 'out'),
    ]);
    const data = readFileSync(join(dir, 'out.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 50).toString('latin1'));
    if (!header) throw new Error('pdftoppm did not write a PGM');
    const [, w, h] = header.map(Number) as [number, number, number];
    return { width: w, height: h, pixels: data.subarray(header[0].length) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Dark pixels within a band of rows given as fractions of the page height. */
export function darkPixels(r: Raster, fromFraction = 0, toFraction = 1): number {
  let n = 0;
  const from = Math.floor(r.height * fromFraction) * r.width;
  const to = Math.floor(r.height * toFraction) * r.width;
  for (let i = from; i < to; i++) if ((r.pixels[i] ?? 255) < 128) n++;
  return n;
}

/** A rectangle of a page in PDF points (origin bottom left), as a raster's pixel bounds. */
function pixels(r: Raster, pageHeight: number, box: { x0: number; x1: number; y0: number; y1: number }) {
  const scale = r.height / pageHeight;
  return {
    left: Math.max(0, Math.floor(box.x0 * scale)),
    right: Math.min(r.width, Math.ceil(box.x1 * scale)),
    top: Math.max(0, Math.floor((pageHeight - box.y1) * scale)),
    bottom: Math.min(r.height, Math.ceil((pageHeight - box.y0) * scale)),
    scale,
  };
}

/** Dark pixels inside a rectangle given in PDF points. */
export function inkIn(
  r: Raster,
  pageHeight: number,
  box: { x0: number; x1: number; y0: number; y1: number },
): number {
  const p = pixels(r, pageHeight, box);
  let n = 0;
  for (let y = p.top; y < p.bottom; y++) {
    for (let x = p.left; x < p.right; x++) if ((r.pixels[y * r.width + x] ?? 255) < 128) n++;
  }
  return n;
}

/**
 * The widest white gap between inked runs inside a rectangle holding one line of text: ink to ink, in
 * points. Columns of pixels closer than `letterGap` points belong to one word.
 */
export function widestGap(
  r: Raster,
  pageHeight: number,
  box: { x0: number; x1: number; y0: number; y1: number },
  letterGap: number,
): number {
  const p = pixels(r, pageHeight, box);
  let previous: number | undefined;
  let widest = 0;
  for (let x = p.left; x < p.right; x++) {
    let ink = false;
    for (let y = p.top; y < p.bottom && !ink; y++) ink = (r.pixels[y * r.width + x] ?? 255) < 128;
    if (!ink) continue;
    if (previous !== undefined) {
      const gap = (x - previous - 1) / p.scale;
      if (gap > letterGap) widest = Math.max(widest, gap);
    }
    previous = x;
  }
  return widest;
}
