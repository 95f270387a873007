import { unzlibSync } from 'fflate';
import { type Bilingual, say } from '../form/messages.js';

/**
 * PNG files read by their structure (ISO/IEC 15948): chunks with their CRCs, the header, the palette and
 * transparency, and the image data inflated and unfiltered. The form's emblem is validated with it (in
 * the browser too) and the PDF renderer embeds what it read.
 */

export class PngError extends Error {
  constructor(readonly problem: Bilingual) {
    super(problem.en);
  }
}

export interface Png {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey with alpha, 6 RGB with alpha. */
  colorType: number;
  palette?: Uint8Array;
  /** tRNS: alpha per palette entry, or the one transparent grey/RGB value. */
  transparency?: Uint8Array;
  /** The concatenated IDAT chunks: one zlib stream of filtered scanlines. */
  data: Uint8Array;
}

/** Emblems are printed about 2 cm tall: a few hundred pixels are plenty, and decoding stays small. */
export const MAX_PNG_SIDE = 2000;

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

let crcTable: Uint32Array | undefined;
export function crc32(bytes: Uint8Array, from = 0, to = bytes.length): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = from; i < to; i++)
    crc = (crcTable[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const fail = (id: string, en: string): never => {
  throw new PngError(say(id, en));
};

/** Reads the chunks of a PNG file; throws a PngError naming what is wrong. */
export function parsePng(bytes: Uint8Array): Png {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) {
    fail('bukan berkas PNG', 'is not a PNG file');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Uint8Array[] = [];
  let header: Omit<Png, 'data'> | undefined;
  let ended = false;
  for (let at = 8; at < bytes.length; ) {
    if (at + 12 > bytes.length) fail('berkas PNG terpotong', 'the PNG file is truncated');
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) fail('berkas PNG terpotong', 'the PNG file is truncated');
    if (crc32(bytes, at + 4, at + 8 + length) !== view.getUint32(at + 8 + length)) {
      fail(`berkas PNG rusak (CRC bagian ${type})`, `the PNG file is damaged (CRC of its ${type} chunk)`);
    }
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (!header && type !== 'IHDR')
      fail('berkas PNG rusak (tanpa IHDR)', 'the PNG file is damaged (no IHDR)');
    if (type === 'IHDR') header = readHeader(data);
    else if (type === 'PLTE' && header) header.palette = data;
    else if (type === 'tRNS' && header) header.transparency = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    at = end;
  }
  if (!header || !ended || !idat.length) fail('berkas PNG tidak lengkap', 'the PNG file is incomplete');
  const png = header as Png;
  if (png.colorType === 3 && (!png.palette || png.palette.length % 3 || png.palette.length > 768)) {
    fail('palet PNG tidak sah', 'the PNG palette is invalid');
  }
  const total = idat.reduce((n, chunk) => n + chunk.length, 0);
  png.data = new Uint8Array(total);
  let offset = 0;
  for (const chunk of idat) {
    png.data.set(chunk, offset);
    offset += chunk.length;
  }
  return png;
}

function readHeader(data: Uint8Array): Omit<Png, 'data'> {
  if (data.length !== 13) fail('kepala PNG tidak sah', 'the PNG header is invalid');
  const view = new DataView(data.buffer, data.byteOffset, 13);
  const [width, height] = [view.getUint32(0), view.getUint32(4)];
  const [bitDepth, colorType, compression, filter, interlace] = data.subarray(8, 13) as unknown as number[];
  if (!DEPTHS[colorType as number]?.includes(bitDepth as number) || compression !== 0 || filter !== 0) {
    fail('jenis PNG tidak sah', 'the PNG type is invalid');
  }
  if (interlace !== 0) {
    fail(
      'PNG berjalin (interlaced) tidak didukung: simpan ulang tanpa interlace',
      'interlaced PNGs are not supported: save it again without interlacing',
    );
  }
  if (!width || !height || width > MAX_PNG_SIDE || height > MAX_PNG_SIDE) {
    fail(
      `ukuran gambar harus 1–${MAX_PNG_SIDE} piksel tiap sisi`,
      `the image must be 1–${MAX_PNG_SIDE} pixels on each side`,
    );
  }
  return { width, height, bitDepth: bitDepth as number, colorType: colorType as number };
}

export const channels = (png: Png): number => CHANNELS[png.colorType] as number;

/** Bytes of one unfiltered scanline. */
export const rowBytes = (png: Png): number => Math.ceil((png.width * channels(png) * png.bitDepth) / 8);

/** The image's samples, inflated and unfiltered, scanline after scanline without filter bytes. */
export function decodePng(png: Png): Uint8Array {
  let raw: Uint8Array;
  try {
    raw = unzlibSync(png.data);
  } catch {
    return fail('data gambar PNG rusak', 'the PNG image data is damaged');
  }
  const stride = rowBytes(png);
  if (raw.length < png.height * (stride + 1))
    fail('data gambar PNG terpotong', 'the PNG image data is truncated');
  const bpp = Math.max(1, Math.ceil((channels(png) * png.bitDepth) / 8));
  const out = new Uint8Array(png.height * stride);
  for (let y = 0; y < png.height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= bpp ? (out[row + x - bpp] as number) : 0;
      const up = y ? (out[row - stride + x] as number) : 0;
      const corner = y && x >= bpp ? (out[row - stride + x - bpp] as number) : 0;
      let predicted: number;
      switch (filter) {
        case 0:
          predicted = 0;
          break;
        case 1:
          predicted = left;
          break;
        case 2:
          predicted = up;
          break;
        case 3:
          predicted = (left + up) >> 1;
          break;
        case 4: {
          const p = left + up - corner;
          const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - corner)];
          predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : corner;
          break;
        }
        default:
          return fail('data gambar PNG rusak (filter)', 'the PNG image data is damaged (filter)');
      }
      out[row + x] = ((line[x] as number) + predicted) & 0xff;
    }
  }
  return out;
}

/** Reads and decodes a PNG completely: what the form's validation asks of an uploaded emblem. */
export function pngProblem(bytes: Uint8Array): Bilingual | undefined {
  try {
    decodePng(parsePng(bytes));
    return undefined;
  } catch (error) {
    if (error instanceof PngError) return error.problem;
    throw error;
  }
}
