import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants } from 'node:zlib';
import type { BuildOptions, Plugin } from 'esbuild';

/** The Lambda Node.js major version: the stack's runtime and the bundles' syntax target both follow it. */
export const LAMBDA_NODE_MAJOR = 24;

/**
 * How every Lambda handler is bundled: ESM for the Lambda runtime, minified, the AWS SDK v3 bundled and
 * tree-shaken rather than taken from the runtime, so cold starts do not depend on the runtime's copy.
 * infra/bundle.ts builds with it for both the CDK stack and the bench, so the measured bundle is the
 * deployed one.
 */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: `node${LAMBDA_NODE_MAJOR}`,
    minify: true,
    // Stack traces map back to the TypeScript (NODE_OPTIONS=--enable-source-maps); the map names
    // the source files without embedding them, so the deployed package stays small.
    sourcemap: 'linked',
    sourcesContent: false,
    // UTF-8 output instead of \u escapes, and licences listed in a file beside the bundle rather than inlined.
    charset: 'utf8',
    legalComments: 'external',
    mainFields: ['module', 'main'],
    // Some dependencies are CommonJS and call require(); ESM output needs it provided.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    // Only the embedded stack imports the local signing keys (and node-forge); Lambda never loads them.
    external: ['*/local-signing-keys.js'],
    // Modules replaced by smaller equivalents; see each shim for why.
    alias: {
      brotli: './infra/shims/brotli',
      '@pdf-lib/standard-fonts': './infra/shims/pdf-lib-standard-fonts',
      '@pdf-lib/upng': './infra/shims/pdf-lib-upng',
    },
    plugins: [compressedBuiltinTemplates],
    logLevel: 'warning',
  };
}

/**
 * The built-in templates (templates/builtin.json, 27 KB of bilingual clauses that repeat from one
 * document type to the next) go into every handler that drafts or decides: carried brotli-compressed
 * (5 KB) and read with Node's own decoder once per cold start (about 1 ms), they keep CreateAgreement
 * and ReviseAgreement within the common budget.
 */
const compressedBuiltinTemplates: Plugin = {
  name: 'compressed-builtin-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]templates[\\/]builtin\.json$/ }, async ({ path }) => {
      const packed = brotliCompressSync(await readFile(path), {
        params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
      }).toString('base64');
      return {
        loader: 'js',
        contents: [
          "import { brotliDecompressSync } from 'node:zlib';",
          `export default JSON.parse(brotliDecompressSync(Buffer.from('${packed}', 'base64')).toString('utf8'));`,
        ].join('\n'),
      };
    });
  },
};
