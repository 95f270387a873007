import { brotliDecompressSync } from 'node:zlib';

/**
 * fontkit imports the `brotli` package (475 KB minified) only to read WOFF2 fonts. Lambda bundles
 * alias it to this file: Node's own decoder, the same function, and the rendering handlers stay
 * under their size budget.
 * @param {Uint8Array} buffer
 * @returns {Uint8Array}
 */
export default function decompress(buffer) {
  return new Uint8Array(brotliDecompressSync(buffer));
}
