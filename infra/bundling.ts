import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda handler is bundled: ESM for Node 20, minified, the AWS SDK v3 bundled and
 * tree-shaken rather than taken from the runtime, so cold starts do not depend on the runtime's copy.
 * Shared by the CDK stack and the bench so the measured bundle is the deployed one.
 */
export const BUNDLE_OPTIONS = {
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  // Some dependencies are CommonJS and call require(); ESM output needs it provided.
  banner:
    "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
} as const;

export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: BUNDLE_OPTIONS.format,
    platform: BUNDLE_OPTIONS.platform,
    target: BUNDLE_OPTIONS.target,
    minify: BUNDLE_OPTIONS.minify,
    sourcemap: BUNDLE_OPTIONS.sourcemap,
    mainFields: [...BUNDLE_OPTIONS.mainFields],
    banner: { js: BUNDLE_OPTIONS.banner },
    logLevel: 'warning',
  };
}
