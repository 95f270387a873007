import { execFileSync } from 'node:child_process';

/** A PDF's text as poppler's pdftotext extracts it (an independent reader), pages split on form feeds. */
export const pdftotext = (pdf: Uint8Array): string =>
  execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' });
