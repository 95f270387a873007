import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { bundleBudget, bundleFunctions } from '../infra/bundle.js';
import { DEMO_USERS } from '../infra/local/demo-users.js';
import { startEmbeddedStack } from '../infra/local/stack.js';
import type { Identity } from '../shared/identity/identity.js';
import { archiveSearchBench, bombBench, checksBench, ingestionBench } from './archive.js';
import { historyBench } from './audit.js';
import { BATCH_BENCH_BUCKET, batchBench } from './batch.js';
import { evaluationBench } from './evaluation.js';
import { realisticMou } from './realistic-mou.js';
import { renderBench } from './render.js';
import { signingBench } from './signing.js';
import { report, time } from './stats.js';
import { templateBench } from './templates.js';
import { importBench, usersBench } from './users.js';
import { inboxBench, transitionBench } from './workflow.js';

async function embeddedStackBench() {
  const stack = await startEmbeddedStack({ inMemory: true, port: 0, extraBuckets: ['bench-incoming'] });
  try {
    const form = realisticMou();
    form.initiatingUnit.code = 'DISPAR';
    const body = JSON.stringify(form);
    const token = await stack.auth.issue(
      DEMO_USERS.find((u) => u.username === 'dispar.penyusun') as Identity,
    );
    const post = async () => {
      const res = await fetch(`${stack.baseUrl}/api/agreements`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      if (res.status !== 201) throw new Error(`create answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    report('create draft over HTTP, embedded stack', await time(100, 10, post), '≤ 60 ms median');
    await transitionBench(stack);
    await inboxBench(stack);
    const ingestion = await ingestionBench(stack);
    // The previous checks run beside the current ones; the rest of ingestion (S3, DynamoDB) is the same.
    const checks = await checksBench();
    const previous = ingestion - checks.current + checks.previous;
    console.log(
      `${'ingest a 5 MB scan: now / previous'.padEnd(44)} ${(ingestion / previous).toFixed(2)}   (previous ≈ ${previous.toFixed(1)} ms: this run's ingestion with the previous checks' median instead of the current)`,
    );
    bombBench();
    await archiveSearchBench(stack);
    await historyBench(stack);
  } finally {
    await stack.stop();
  }
}

/** Its own stack: 100,000 archived agreements would otherwise weigh on every figure after it. */
async function evaluationStackBench() {
  const stack = await startEmbeddedStack({ inMemory: true, port: 0 });
  try {
    await evaluationBench(stack);
  } finally {
    await stack.stop();
  }
}

/** Its own stack: the region's 2,000 users, and onboarding workbooks. */
async function usersStackBench() {
  const stack = await startEmbeddedStack({ inMemory: true, port: 0 });
  try {
    await usersBench(stack);
    await importBench(stack);
  } finally {
    await stack.stop();
  }
}

/** Its own stack: 200 drafts would otherwise weigh on the figures after them. */
async function batchStackBench() {
  const stack = await startEmbeddedStack({ inMemory: true, port: 0, extraBuckets: [BATCH_BENCH_BUCKET] });
  try {
    await batchBench(stack);
  } finally {
    await stack.stop();
  }
}

function importTimes(file: string, runs: number): number[] {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});console.log(performance.now()-t)`;
  return Array.from({ length: runs }, () =>
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim(),
    ),
  );
}

async function bundleBench() {
  const out = mkdtempSync(`${tmpdir()}/bundles-`);
  const bundles = await bundleFunctions(out);
  for (const b of bundles) {
    // The signing and report handlers have their own budgets: see the README ("Performance").
    const target = `≤ ${(bundleBudget(b.name) / 1024).toFixed(0)} KB`;
    console.log(
      `bundle ${b.name.padEnd(37)} ${(b.bytes / 1024).toFixed(0).padStart(6)} KB   target ${target}`,
    );
  }
  for (const name of ['CreateAgreement', 'Sign']) {
    const bundle = bundles.find((b) => b.name === name);
    if (bundle) report(`import ${name} bundle (fresh process)`, importTimes(bundle.file, 15), '≤ 250 ms');
  }
}

await renderBench();
await templateBench();
await signingBench();
await embeddedStackBench();
await evaluationStackBench();
await usersStackBench();
await batchStackBench();
await bundleBench();
