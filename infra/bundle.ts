import { cpSync, statSync } from 'node:fs';
import { build } from 'esbuild';
import { ROUTES } from '../functions/api/routes.js';
import { EVENT_HANDLERS } from '../functions/events/handlers.js';
import { HYPHENATION_PATTERNS } from '../shared/documents/linebreak.js';
import { esbuildOptions } from './bundling.js';

/** Every bundle's size limit, asserted by test/infra/bundle.test.ts and printed by npm run bench. */
const MAX_BUNDLE_BYTES = 1.5 * 1024 * 1024;
/**
 * Signing, over the common budget: incremental PAdES signing needs @libpdf/core (485 KB) and pkijs
 * (295 KB), and the visible block pdf-lib with fontkit (libpdf embeds whole fonts, 260 KB a signature);
 * a register number assigned at the first signature renders the version again (the DOCX writer, 250 KB);
 * the timestamp authority's replies are checked with our pkijs 4 and asn1js 4 (360 KB), which libpdf's
 * own copies (pkijs 3, asn1js 3, bundled apart) cannot replace.
 */
const SIGN_BUNDLE_BYTES = 3 * 1024 * 1024;
/**
 * The periodic report's writers: exceljs with its zip and XML streams (about 1 MB) beside pdf-lib
 * and fontkit. Only the on-demand report and the daily job carry them; no request path waits on them.
 */
const REPORT_BUNDLE_BYTES = 2.5 * 1024 * 1024;
/**
 * Route actions: the Biro head's approval may assign the register number and render the version again
 * with it, so Act carries the renderer (pdf-lib, fontkit, docx) as drafting does, and the route's logic.
 */
const ACT_BUNDLE_BYTES = 1.75 * 1024 * 1024;
/**
 * The template check: the YAML parser and the template rules beside the PDF and DOCX renderers it
 * renders the samples with. An event handler: no request waits on its cold start.
 */
const TEMPLATE_CHECK_BUNDLE_BYTES = 2 * 1024 * 1024;
/**
 * Batch drafting: exceljs (the workbook and its result) beside everything drafting carries (pdf-lib,
 * fontkit, docx, the composer). An event handler: no request waits on its cold start.
 */
const BATCH_BUNDLE_BYTES = 2.75 * 1024 * 1024;
/**
 * Ingestion seals each accepted upload (B-LTA) with @libpdf/core and checks the timestamp with pkijs,
 * as signing does. An event handler: no request waits on its cold start.
 */
const SEAL_BUNDLE_BYTES = 2.25 * 1024 * 1024;
/** The daily job: the periodic report's writers and the seal's renewal (libpdf, pkijs). Once a day. */
const DAILY_BUNDLE_BYTES = 4 * 1024 * 1024;
const BUDGETS: Record<string, number> = {
  Sign: SIGN_BUNDLE_BYTES,
  IngestUpload: SEAL_BUNDLE_BYTES,
  // Reads the onboarding workbook and writes its result with exceljs, as the reports do.
  Import: REPORT_BUNDLE_BYTES,
  Act: ACT_BUNDLE_BYTES,
  // The register book's workbook: exceljs, as the reports.
  Register: REPORT_BUNDLE_BYTES,
  CreateReport: REPORT_BUNDLE_BYTES,
  Daily: DAILY_BUNDLE_BYTES,
  ValidateTemplate: TEMPLATE_CHECK_BUNDLE_BYTES,
  DraftBatch: BATCH_BUNDLE_BYTES,
};

export const bundleBudget = (name: string) => BUDGETS[name] ?? MAX_BUNDLE_BYTES;

type Bundled = { name: string; entry: string; renders?: boolean; rasterizes?: boolean };

/**
 * Bundles one handler into <outDir>/<Name>/index.mjs; if it renders, the fonts and the hyphenation
 * patterns (data the renderer reads at run time) go beside it, and if it draws SVG, resvg's
 * WebAssembly module.
 */
export async function bundleFunction(
  fn: Bundled,
  outDir: string,
): Promise<{ name: string; file: string; bytes: number }> {
  const file = `${outDir}/${fn.name}/index.mjs`;
  await build(esbuildOptions(fn.entry, file));
  if (fn.renders) {
    cpSync('templates/fonts', `${outDir}/${fn.name}/fonts`, { recursive: true });
    for (const file of HYPHENATION_PATTERNS) {
      cpSync(`node_modules/${file}`, `${outDir}/${fn.name}/node_modules/${file}`);
    }
  }
  if (fn.rasterizes)
    cpSync('node_modules/@resvg/resvg-wasm/index_bg.wasm', `${outDir}/${fn.name}/resvg.wasm`);
  return { name: fn.name, file, bytes: statSync(file).size };
}

/** Bundles every handler into dist/functions/<Name>/index.mjs. */
export function bundleFunctions(outDir = 'dist/functions') {
  return Promise.all([...ROUTES, ...EVENT_HANDLERS].map((fn) => bundleFunction(fn, outDir)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const b of await bundleFunctions())
    console.log(`${b.name.padEnd(18)} ${(b.bytes / 1024).toFixed(0)} KB`);
}
