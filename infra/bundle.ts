import { cpSync, statSync } from 'node:fs';
import { build } from 'esbuild';
import { ROUTES } from '../functions/api/routes.js';
import { EVENT_HANDLERS } from '../functions/events/handlers.js';
import { esbuildOptions } from './bundling.js';

/** Bundles every handler into dist/functions/<Name>/index.mjs, with the fonts beside those that render. */
export async function bundleFunctions(
  outDir = 'dist/functions',
): Promise<{ name: string; file: string; bytes: number }[]> {
  return Promise.all(
    [...ROUTES, ...EVENT_HANDLERS].map(async (fn) => {
      const file = `${outDir}/${fn.name}/index.mjs`;
      await build(esbuildOptions(fn.entry, file));
      if ('renders' in fn && fn.renders)
        cpSync('templates/fonts', `${outDir}/${fn.name}/fonts`, { recursive: true });
      return { name: fn.name, file, bytes: statSync(file).size };
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const b of await bundleFunctions())
    console.log(`${b.name.padEnd(18)} ${(b.bytes / 1024).toFixed(0)} KB`);
}
