/**
 * pdf-lib's PNG decoder (25 KB), used only by `embedPng`, which this product never calls.
 * Lambda bundles alias `@pdf-lib/upng` to this file.
 */
const unsupported = () => {
  throw new Error('PNG embedding is not bundled');
};

export default { decode: unsupported, toRGBA8: unsupported };
