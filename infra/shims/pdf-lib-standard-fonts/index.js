/**
 * pdf-lib imports the metrics of the 14 standard PDF fonts (127 KB) for `embedStandardFont`, which
 * this product never calls: every document embeds Noto Serif. Lambda bundles alias the package to
 * this file, which keeps the font names pdf-lib checks against and refuses the unused path loudly.
 */
export const FontNames = {
  Courier: 'Courier',
  CourierBold: 'Courier-Bold',
  CourierOblique: 'Courier-Oblique',
  CourierBoldOblique: 'Courier-BoldOblique',
  Helvetica: 'Helvetica',
  HelveticaBold: 'Helvetica-Bold',
  HelveticaOblique: 'Helvetica-Oblique',
  HelveticaBoldOblique: 'Helvetica-BoldOblique',
  TimesRoman: 'Times-Roman',
  TimesRomanBold: 'Times-Bold',
  TimesRomanItalic: 'Times-Italic',
  TimesRomanBoldItalic: 'Times-BoldItalic',
  Symbol: 'Symbol',
  ZapfDingbats: 'ZapfDingbats',
};

const unsupported = () => {
  throw new Error('standard PDF fonts are not bundled: embed a TrueType font instead');
};

export const Font = { load: unsupported };

export const Encodings = new Proxy({}, { get: unsupported });
