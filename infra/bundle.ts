import { cpSync, statSync } from 'node:fs';
import { build } from 'esbuild';
import { ROUTES } from '../functions/api/routes.js';
import { esbuildOptions } from './bundling.js';

/** Bundles every handler into dist/functions/<Name>/index.mjs, with the fonts beside those that render. */
export async function bundleFunctions(
  outDir = 'dist/functions',
): Promise<{ name: string; file: string; bytes: number }[]> {
  return Promise.all(
    ROUTES.map(async (route) => {
      const file = `${outDir}/${route.name}/index.mjs`;
      await build(esbuildOptions(route.entry, file));
      if (route.renders) cpSync('templates/fonts', `${outDir}/${route.name}/fonts`, { recursive: true });
      return { name: route.name, file, bytes: statSync(file).size };
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const b of await bundleFunctions())
    console.log(`${b.name.padEnd(18)} ${(b.bytes / 1024).toFixed(0)} KB`);
}
