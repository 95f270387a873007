import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type Bilingual, say } from '../form/messages.js';
import { fontPath } from './font-files.js';

/**
 * SVG drawn as PNG with resvg (WebAssembly: the same on every architecture), for the documents, which
 * embed raster images. resvg loads nothing from outside the file; the emblem check ran first anyway.
 * The WebAssembly module is read from RESVG_WASM (beside a Lambda bundle) or the installed package.
 */

/** An emblem prints about 2 cm tall: 600 pixels are 760 dpi there. */
export const PRINT_HEIGHT = 600;
/** An emblem is about as wide as it is tall; a banner is not one. */
const MAX_ASPECT = 3;

type Resvg = typeof import('@resvg/resvg-wasm');
let loading: Promise<Resvg> | undefined;

function resvg(): Promise<Resvg> {
  loading ??= (async () => {
    const module = await import('@resvg/resvg-wasm');
    const wasm =
      process.env.RESVG_WASM ?? createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');
    await module.initWasm(await readFile(wasm));
    return module;
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

export class RasterError extends Error {
  constructor(readonly problem: Bilingual) {
    super(problem.en);
    this.name = 'RasterError';
  }
}

/** The drawing as a PNG PRINT_HEIGHT pixels tall; a RasterError when it cannot be drawn as an emblem. */
export async function svgToPng(svg: Uint8Array): Promise<Uint8Array> {
  const { Resvg } = await resvg();
  const fonts = await Promise.all((['regular', 'bold', 'italic'] as const).map((s) => readFile(fontPath(s))));
  let drawing: InstanceType<Resvg['Resvg']>;
  try {
    drawing = new Resvg(svg, {
      fitTo: { mode: 'height', value: PRINT_HEIGHT },
      font: { fontBuffers: fonts, defaultFontFamily: 'Noto Serif' },
    });
  } catch (error) {
    throw new RasterError(
      say(
        `SVG tidak dapat digambar: ${(error as Error).message}`,
        `the SVG cannot be drawn: ${(error as Error).message}`,
      ),
    );
  }
  try {
    const aspect = drawing.width / drawing.height;
    if (!(aspect > 0) || aspect > MAX_ASPECT || aspect < 1 / MAX_ASPECT) {
      throw new RasterError(
        say(
          `lambang harus kira-kira sebanding lebar dan tingginya (paling banyak 1:${MAX_ASPECT}); ukuran SVG ini ${drawing.width}×${drawing.height}`,
          `an emblem must be roughly as wide as tall (at most 1:${MAX_ASPECT}); this SVG is ${drawing.width}×${drawing.height}`,
        ),
      );
    }
    const image = drawing.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    drawing.free();
  }
}
