import { zlibSync } from 'fflate';
import { crc32 } from '../../shared/documents/png.js';

/** PNG files written here for tests, chunk by chunk, so that each case (alpha, palette, damage) is exact. */
export interface PngSpec {
  width: number;
  height: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGB + alpha; 8 bits per sample. */
  colorType: 0 | 2 | 3 | 4 | 6;
  /** One value per sample, row by row. */
  pixel: (x: number, y: number) => number[];
  palette?: number[][];
  transparency?: number[];
  interlace?: boolean;
}

const SAMPLES = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

export function encodePng(spec: PngSpec): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, spec.width);
  view.setUint32(4, spec.height);
  header.set([8, spec.colorType, 0, 0, spec.interlace ? 1 : 0], 8);
  const stride = spec.width * SAMPLES[spec.colorType];
  const raw = new Uint8Array(spec.height * (stride + 1));
  for (let y = 0; y < spec.height; y++) {
    // Filter "Sub" on odd rows, none on even ones: the reader must undo both.
    const filter = y % 2;
    raw[y * (stride + 1)] = filter;
    const row = Array.from({ length: spec.width }, (_, x) => spec.pixel(x, y)).flat();
    row.forEach((value, i) => {
      const left = filter && i >= SAMPLES[spec.colorType] ? (row[i - SAMPLES[spec.colorType]] as number) : 0;
      raw[y * (stride + 1) + 1 + i] = (value - left) & 0xff;
    });
  }
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...(spec.palette ? [chunk('PLTE', new Uint8Array(spec.palette.flat()))] : []),
    ...(spec.transparency ? [chunk('tRNS', new Uint8Array(spec.transparency))] : []),
    chunk('IDAT', zlibSync(raw)),
    chunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A round red emblem with a transparent surround, as regional emblems are usually supplied. */
export const emblemPng = (size = 120): Uint8Array =>
  encodePng({
    width: size,
    height: size,
    colorType: 6,
    pixel: (x, y) => {
      const r = Math.hypot(x - size / 2, y - size / 2);
      return r < size / 2 - 2 ? [200, 20, 30, 255] : [255, 255, 255, 0];
    },
  });

export const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
