import { type PDFDocument, PDFHexString, type PDFRef } from 'pdf-lib';
import type { Image } from './model.js';
import { deflate } from './pdfa.js';
import { channels, decodePng, type Png, parsePng } from './png.js';

/**
 * Raster images as PDF image XObjects, in colour spaces PDF/A accepts beside an sRGB output intent
 * (DeviceGray, DeviceRGB, Indexed over DeviceRGB). A PNG without transparency goes in as its own
 * compressed data (FlateDecode with the PNG predictors); transparency becomes a soft mask.
 */
export interface EmbeddedImage {
  ref: PDFRef;
  width: number;
  height: number;
}

const deviceSpace = (colorType: number) => (colorType === 0 || colorType === 4 ? 'DeviceGray' : 'DeviceRGB');

function embedPng(pdf: PDFDocument, png: Png): EmbeddedImage {
  const context = pdf.context;
  const base = { Type: 'XObject', Subtype: 'Image', Width: png.width, Height: png.height };
  const { colorType, bitDepth } = png;
  const plain = colorType <= 3 && !(colorType === 3 && png.transparency);
  if (plain || colorType === 3) {
    const colorSpace =
      colorType === 3
        ? context.obj([
            'Indexed',
            'DeviceRGB',
            (png.palette as Uint8Array).length / 3 - 1,
            PDFHexString.of(Buffer.from(png.palette as Uint8Array).toString('hex')),
          ])
        : deviceSpace(colorType);
    const dict: Record<string, unknown> = {
      ...base,
      ColorSpace: colorSpace,
      BitsPerComponent: bitDepth,
      Filter: 'FlateDecode',
      DecodeParms: { Predictor: 15, Colors: channels(png), BitsPerComponent: bitDepth, Columns: png.width },
    };
    if (png.transparency && colorType !== 3) dict.Mask = colorKey(png);
    if (colorType === 3 && png.transparency) dict.SMask = paletteMask(pdf, png);
    const ref = context.register(context.stream(png.data, dict as never));
    return { ref, width: png.width, height: png.height };
  }
  // Grey or RGB with an alpha channel: the colour and the alpha go into two images.
  const samples = decodePng(png);
  const bytesPer = bitDepth / 8;
  const colour = colorType === 4 ? 1 : 3;
  const pixels = png.width * png.height;
  const colours = new Uint8Array(pixels * colour * bytesPer);
  const alpha = new Uint8Array(pixels * bytesPer);
  for (let p = 0; p < pixels; p++) {
    const from = p * (colour + 1) * bytesPer;
    colours.set(samples.subarray(from, from + colour * bytesPer), p * colour * bytesPer);
    alpha.set(samples.subarray(from + colour * bytesPer, from + (colour + 1) * bytesPer), p * bytesPer);
  }
  const smask = context.register(
    context.stream(deflate(alpha), {
      ...base,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: bitDepth,
      Filter: 'FlateDecode',
    }),
  );
  const ref = context.register(
    context.stream(deflate(colours), {
      ...base,
      ColorSpace: deviceSpace(colorType),
      BitsPerComponent: bitDepth,
      Filter: 'FlateDecode',
      SMask: smask,
    }),
  );
  return { ref, width: png.width, height: png.height };
}

/** tRNS of a grey or RGB image: the one colour drawn transparent, as a colour-key mask. */
function colorKey(png: Png): number[] {
  const t = png.transparency as Uint8Array;
  const values: number[] = [];
  for (let i = 0; i + 1 < t.length; i += 2) values.push(((t[i] as number) << 8) | (t[i + 1] as number));
  return values.flatMap((v) => [v, v]);
}

/** tRNS of a palette image: each index's alpha, as an 8-bit soft mask. */
function paletteMask(pdf: PDFDocument, png: Png): PDFRef {
  const samples = decodePng(png);
  const stride = Math.ceil((png.width * png.bitDepth) / 8);
  const alpha = new Uint8Array(png.width * png.height);
  const table = png.transparency as Uint8Array;
  const mask = (1 << png.bitDepth) - 1;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const bit = x * png.bitDepth;
      const byte = samples[y * stride + (bit >> 3)] as number;
      const index = (byte >> (8 - png.bitDepth - (bit & 7))) & mask;
      alpha[y * png.width + x] = table[index] ?? 255;
    }
  }
  return pdf.context.register(
    pdf.context.stream(deflate(alpha), {
      Type: 'XObject',
      Subtype: 'Image',
      Width: png.width,
      Height: png.height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 8,
      Filter: 'FlateDecode',
    }),
  );
}

/** Embeds a PNG or a grey/RGB JPEG; a CMYK JPEG is refused, as PDF/A with an sRGB intent refuses it. */
export async function embedImage(pdf: PDFDocument, image: Image): Promise<EmbeddedImage> {
  if (image.contentType === 'image/png') return embedPng(pdf, parsePng(image.bytes));
  const jpeg = await pdf.embedJpg(image.bytes);
  const colorSpace = (jpeg as unknown as { embedder: { colorSpace: string } }).embedder.colorSpace;
  if (colorSpace === 'DeviceCMYK')
    throw new Error('a CMYK JPEG cannot go into a PDF/A file with an sRGB output intent');
  return { ref: jpeg.ref, width: jpeg.width, height: jpeg.height };
}
