import { execFileSync } from 'node:child_process';

/**
 * A PDF's text as poppler's pdftotext extracts it (an independent reader), pages split on form feeds:
 * laid out as on the page, or (`raw`) in the order the content streams draw it.
 */
export const pdftotext = (pdf: Uint8Array, mode: 'layout' | 'raw' = 'layout'): string =>
  execFileSync('pdftotext', [`-${mode}`, '-', '-'], { input: pdf, encoding: 'utf8' });
