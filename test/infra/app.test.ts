import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CDK_CONTEXT } from './support.js';

describe('the CDK app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'synth-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Bundling every handler is most of its time: often over a minute, so the child runs asynchronously
  // and the test worker keeps answering vitest (whose worker RPC gives up after 60 s).
  it('synthesises prod with the AWS Solutions checks on, without network or Docker', async () => {
    // A docker that records being called: an asset needing a container build would call it.
    const bin = join(dir, 'bin');
    const called = join(dir, 'docker-called');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'docker'), `#!/bin/sh\ntouch ${called}\nexit 1\n`);
    chmodSync(join(bin, 'docker'), 0o755);
    const out = join(dir, 'cdk.out');

    await promisify(execFile)(
      process.execPath,
      ['--import', './test/infra/no-network.mjs', '--import', 'tsx', 'infra/app.ts'],
      {
        env: {
          ...process.env,
          PATH: `${bin}:${process.env.PATH}`,
          CDK_DOCKER: join(bin, 'docker'),
          CDK_OUTDIR: out,
          CDK_CONTEXT_JSON: JSON.stringify({ ...CDK_CONTEXT, stage: 'prod' }),
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    );

    expect(existsSync(called)).toBe(false);
    const template = JSON.parse(readFileSync(join(out, 'KerjaSama-Prod.template.json'), 'utf8'));
    const functions = Object.values(
      template.Resources as Record<string, { Type: string; Properties: { Code?: { S3Key?: unknown } } }>,
    ).filter((r) => r.Type === 'AWS::Lambda::Function');
    // Every function's code is a bundle asset, staged in the cloud assembly.
    expect(functions.length).toBeGreaterThan(30);
    const manifest = JSON.parse(readFileSync(join(out, 'KerjaSama-Prod.assets.json'), 'utf8'));
    for (const asset of Object.values(manifest.files as Record<string, { source: { path: string } }>)) {
      expect(existsSync(join(out, asset.source.path)), asset.source.path).toBe(true);
    }
  }, 300_000);
});
