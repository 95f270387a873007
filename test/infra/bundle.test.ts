import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/routes.js';
import { EVENT_HANDLERS } from '../../functions/events/handlers.js';
import { bundleBudget, bundleFunctions } from '../../infra/bundle.js';
import { esbuildOptions, LAMBDA_NODE_MAJOR } from '../../infra/bundling.js';
import { RUNTIME } from '../../infra/functions.js';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { claimsOf } from '../../shared/identity/claims.js';
import type { Identity } from '../../shared/identity/identity.js';
import { pdfColumns, squash } from '../support/pdf-text.js';
import { sample } from '../support/samples.js';

describe('Lambda bundles', () => {
  const out = mkdtempSync(join(tmpdir(), 'bundles-'));
  let bundles: Awaited<ReturnType<typeof bundleFunctions>>;

  // 39 handlers, bundled two cores at a time.
  beforeAll(async () => {
    bundles = await bundleFunctions(out);
  }, 240_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('are minified ESM for the Lambda runtime with linked source maps', () => {
    expect(RUNTIME.name).toBe(`nodejs${LAMBDA_NODE_MAJOR}.x`);
    expect(esbuildOptions('in.ts', 'out.mjs')).toMatchObject({
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: `node${LAMBDA_NODE_MAJOR}`,
      minify: true,
      sourcemap: 'linked',
      sourcesContent: false,
    });
    expect(esbuildOptions('in.ts', 'out.mjs').external).not.toContainEqual(expect.stringMatching(/aws-sdk/));
    for (const b of bundles) {
      const code = readFileSync(b.file, 'utf8');
      expect(code.trimEnd().endsWith(`//# sourceMappingURL=index.mjs.map`), b.name).toBe(true);
      expect(existsSync(`${b.file}.map`), b.name).toBe(true);
    }
  });

  it('import nothing at run time but Node built-ins: the AWS SDK and every dependency are inside', async () => {
    for (const fn of [...ROUTES, ...EVENT_HANDLERS].filter((f) =>
      /^(CreateAgreement|Sign|IngestUpload|Notify)$/.test(f.name),
    )) {
      const { metafile } = await build({
        ...esbuildOptions(fn.entry, join(out, 'meta', fn.name, 'index.mjs')),
        metafile: true,
        write: false,
      });
      const externals = Object.values(metafile.outputs).flatMap((o) =>
        o.imports.filter((i) => i.external).map((i) => i.path),
      );
      // The embedded stack's local signing keys are never loaded in Lambda (see infra/bundling.ts).
      for (const path of externals.filter((p) => !p.endsWith('local-signing-keys.js'))) {
        expect(isBuiltin(path), `${fn.name}: ${path}`).toBe(true);
      }
    }
  }, 120_000);

  it('stay within 1.5 MB each, the signing and report handlers within their own budgets', () => {
    for (const b of bundles) {
      expect(b.bytes, b.name).toBeLessThanOrEqual(bundleBudget(b.name));
    }
  });

  it('render a real PDF with the shimmed dependencies and the fonts beside the bundle', async () => {
    const preview = bundles.find((b) => b.name === 'Preview');
    if (!preview) throw new Error('no Preview bundle');
    process.env.FONTS_DIR = join(out, 'Preview', 'fonts');
    try {
      const { handler } = await import(pathToFileURL(preview.file).href);
      const form = sample('mou');
      const result = await handler({
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(form),
        isBase64Encoded: false,
        requestContext: {
          requestId: 'bundle-test',
          authorizer: { jwt: { claims: claimsOf(DEMO_USERS[0] as Identity), scopes: [] } },
        },
      });
      expect(result.statusCode).toBe(200);
      const { left, right } = await pdfColumns(Buffer.from(result.body, 'base64'));
      expect(left).toContain(squash(form.purpose.id));
      expect(right).toContain(squash(form.purpose.en));
    } finally {
      delete process.env.FONTS_DIR;
    }
  });
});
