import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DRAFT_BATCH } from '../functions/events/handlers.js';
import { bundleFunction } from '../infra/bundle.js';
import { DEMO_USERS } from '../infra/local/demo-users.js';
import type { EmbeddedStack } from '../infra/local/stack.js';
import { XLSX_TYPE } from '../shared/batch/batches.js';
import type { Identity } from '../shared/identity/identity.js';
import { batchWorkbook, school } from '../test/support/batch-workbook.js';

/** A bucket of the bench's own: the stack drafts nothing by itself for what lands there. */
export const BATCH_BENCH_BUCKET = 'bench-batches';
const ROWS = 200;

/**
 * Batch drafting throughput: a 200-school PKS workbook drafted by the bundled DraftBatch handler in a
 * plain Node process of its own, as Lambda runs it (its peak memory is the function's), against the
 * embedded stack's DynamoDB Local and S3.
 */
export async function batchBench(stack: EmbeddedStack) {
  const token = await stack.auth.issue(DEMO_USERS.find((u) => u.username === 'disdik.penyusun') as Identity);
  // The batch is asked for in the bench's bucket, whose objects fire no event here: the child drafts it.
  const incoming = process.env.INCOMING_BUCKET;
  process.env.INCOMING_BUCKET = BATCH_BENCH_BUCKET;
  const asked = await fetch(`${stack.baseUrl}/api/batches`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  }).finally(() => {
    process.env.INCOMING_BUCKET = incoming;
  });
  const ticket = (await asked.json()) as { batchId: string; url: string; fields: Record<string, string> };
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  const bytes = await batchWorkbook({ rows: Array.from({ length: ROWS }, (_, i) => school(i + 1)) });
  form.append('file', new Blob([new Uint8Array(bytes)], { type: XLSX_TYPE }), 'file');
  const posted = await fetch(ticket.url, { method: 'POST', body: form });
  if (posted.status !== 204) throw new Error(`upload answered ${posted.status}: ${await posted.text()}`);

  const dir = mkdtempSync(join(tmpdir(), 'batch-bench-'));
  const bundle = await bundleFunction(DRAFT_BATCH, dir);
  const event = {
    Records: [{ s3: { bucket: { name: BATCH_BENCH_BUCKET }, object: { key: ticket.fields.key } } }],
  };
  const script = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(bundle.file).href)});
    const started = performance.now();
    const out = await handler(${JSON.stringify(event)});
    const cpu = process.cpuUsage();
    console.log(JSON.stringify({ ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, out }));
  `;
  // Asynchronously: DynamoDB Local and s3rver answer the child from this process's stack.
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      ...process.env,
      ...stack.env,
      FONTS_DIR: join(dir, DRAFT_BATCH.name, 'fonts'),
      POWERTOOLS_LOG_LEVEL: 'WARN',
    },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
  const run = JSON.parse(stdout.trim().split('\n').at(-1) as string) as {
    ms: number;
    cpuMs: number;
    maxRssMb: number;
    out: { results: { outcome: string; done?: number; failed?: number }[] };
  };
  const outcome = run.out.results[0];
  if (outcome?.outcome !== 'done' || outcome.done !== ROWS) {
    throw new Error(`the batch was not drafted whole: ${JSON.stringify(run.out)}`);
  }
  console.log(
    `batch of ${ROWS} PKS rows, bundled DraftBatch handler: ${(run.ms / 1000).toFixed(1)} s, ` +
      `${((ROWS * 1000) / run.ms).toFixed(1)} drafts/s (its own CPU ${(run.cpuMs / 1000).toFixed(1)} s, ` +
      `${(run.cpuMs / ROWS).toFixed(0)} ms a draft), peak RSS ${run.maxRssMb.toFixed(0)} MB   ` +
      'target 500 rows within the 15-minute timeout, ≤ 2 GB',
  );
}
