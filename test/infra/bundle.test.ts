import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/routes.js';
import { EVENT_HANDLERS } from '../../functions/events/handlers.js';
import { bundleBudget, bundleFunctions } from '../../infra/bundle.js';
import { esbuildOptions, LAMBDA_NODE_MAJOR } from '../../infra/bundling.js';
import { RUNTIME } from '../../infra/functions.js';
import { createTable } from '../../infra/local/bootstrap.js';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { startDynamo } from '../../infra/local/dynamodb.js';
import { seedDemoRegion } from '../../infra/local/seed.js';
import { forgetClients } from '../../shared/adapters/aws/clients.js';
import { Table } from '../../shared/adapters/aws/table.js';
import { claimsOf } from '../../shared/identity/claims.js';
import type { Identity } from '../../shared/identity/identity.js';
import { pdfColumns, squash } from '../support/pdf-text.js';
import { sampleFor } from '../support/samples.js';

describe('Lambda bundles', () => {
  const out = mkdtempSync(join(tmpdir(), 'bundles-'));
  let bundles: Awaited<ReturnType<typeof bundleFunctions>>;

  // 59 handlers, bundled two cores at a time.
  beforeAll(async () => {
    bundles = await bundleFunctions(out);
  }, 360_000);

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

  it('stay within 1.5 MB each, the signing, route-action and report handlers within their own budgets', () => {
    for (const b of bundles) {
      expect(b.bytes, b.name).toBeLessThanOrEqual(bundleBudget(b.name));
    }
  });

  it('render a real PDF with the shimmed dependencies and the fonts beside the bundle', async () => {
    const preview = bundles.find((b) => b.name === 'Preview');
    if (!preview) throw new Error('no Preview bundle');
    // The preview completes the form from the region's profile and units: a seeded DynamoDB Local.
    const dynamo = await startDynamo();
    const saved = { ...process.env };
    Object.assign(process.env, {
      FONTS_DIR: join(out, 'Preview', 'fonts'),
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_REGION: 'ap-southeast-3',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      TABLE_NAME: 'bundle-preview',
      REGION_ID: 'demo',
    });
    try {
      const client = new DynamoDBClient({});
      await createTable(client, 'bundle-preview');
      client.destroy();
      await seedDemoRegion(new Table('bundle-preview'), 'demo', false);
      const { handler } = await import(pathToFileURL(preview.file).href);
      const form = sampleFor('mou');
      form.parties[0] = null;
      const result = await handler({
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(form),
        isBase64Encoded: false,
        requestContext: {
          requestId: 'bundle-test',
          authorizer: { jwt: { claims: claimsOf(DEMO_USERS[0] as Identity), scopes: [] } },
        },
      });
      expect(result.statusCode, result.body).toBe(200);
      const { left, right } = await pdfColumns(Buffer.from(result.body, 'base64'));
      expect(left).toContain(squash(form.purpose.id));
      expect(right).toContain(squash(form.purpose.en));
      expect(left).toContain(squash('Pemerintah Provinsi Jawa Tengah'));
      expect(right).toContain(squash('Provincial Government of Central Java'));
    } finally {
      process.env = saved;
      forgetClients();
      await dynamo.stop();
    }
  }, 120_000);
});
