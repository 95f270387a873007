import { cpSync, statSync } from 'node:fs';
import { build } from 'esbuild';
import { ROUTES } from '../functions/api/routes.js';
import { EVENT_HANDLERS } from '../functions/events/handlers.js';
import { esbuildOptions } from './bundling.js';

type Bundled = { name: string; entry: string; renders?: boolean };

/** Bundles one handler into <outDir>/<Name>/index.mjs, with the fonts beside it if it renders. */
export async function bundleFunction(
  fn: Bundled,
  outDir: string,
): Promise<{ name: string; file: string; bytes: number }> {
  const file = `${outDir}/${fn.name}/index.mjs`;
  await build(esbuildOptions(fn.entry, file));
  if (fn.renders) cpSync('templates/fonts', `${outDir}/${fn.name}/fonts`, { recursive: true });
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
