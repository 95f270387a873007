import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunctions } from '../../infra/bundle.js';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { claimsOf } from '../../shared/identity/claims.js';
import type { Identity } from '../../shared/identity/identity.js';
import { pdfColumns, squash } from '../support/pdf-text.js';
import { sample } from '../support/samples.js';

const MAX_BUNDLE_BYTES = 1.5 * 1024 * 1024;
/**
 * The one handler over the budget: incremental PAdES signing needs @libpdf/core (485 KB) and pkijs
 * (295 KB), and the visible block pdf-lib with fontkit (libpdf embeds whole fonts, 260 KB a signature).
 */
const SIGN_BUNDLE_BYTES = 2.25 * 1024 * 1024;
/**
 * The periodic report's writers: exceljs with its zip and XML streams (about 1 MB) beside pdf-lib
 * and fontkit. Only the on-demand report and the daily job carry them; no request path waits on them.
 */
const REPORT_BUNDLE_BYTES = 2.5 * 1024 * 1024;
const BUDGETS: Record<string, number> = {
  Sign: SIGN_BUNDLE_BYTES,
  CreateReport: REPORT_BUNDLE_BYTES,
  Daily: REPORT_BUNDLE_BYTES,
};

describe('Lambda bundles', () => {
  const out = mkdtempSync(join(tmpdir(), 'bundles-'));
  let bundles: Awaited<ReturnType<typeof bundleFunctions>>;

  beforeAll(async () => {
    bundles = await bundleFunctions(out);
  }, 120_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('stay within 1.5 MB each, the signing and report handlers within their own budgets', () => {
    for (const b of bundles) {
      expect(b.bytes, b.name).toBeLessThanOrEqual(BUDGETS[b.name] ?? MAX_BUNDLE_BYTES);
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
