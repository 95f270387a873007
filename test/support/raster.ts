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
