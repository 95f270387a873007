import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ROUTES, type RouteDefinition } from '../functions/api/routes.js';
import { auditTrail } from '../functions/wiring/audit.js';
import { bundleFunction } from '../infra/bundle.js';
import { DEMO_USERS } from '../infra/local/demo-users.js';
import type { EmbeddedStack } from '../infra/local/stack.js';
import type { Agreement } from '../shared/agreement/agreement.js';
import { claimsOf } from '../shared/identity/claims.js';
import { appendDownloads } from '../test/support/long-chain.js';
import { sampleFor } from '../test/support/samples.js';

const user = (username: string) =>
  DEMO_USERS.find((u) => u.username === username) as (typeof DEMO_USERS)[number];

async function draft(stack: EmbeddedStack): Promise<Agreement> {
  const token = await stack.auth.issue(user('disdik.penyusun'));
  const res = await fetch(`${stack.baseUrl}/api/agreements`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(sampleFor('pks')),
  });
  if (res.status !== 201) throw new Error(`create answered ${res.status}`);
  return ((await res.json()) as { agreement: Agreement }).agreement;
}

interface Measured {
  medianMs: number;
  cpuMs: number;
  maxRssMb: number;
  bytes: number;
}

/**
 * The bundled History handler in a plain Node process, as Lambda runs it: `runs` first pages of one
 * agreement's history, their median time, the process's CPU and peak memory.
 */
async function historyInProcess(env: Record<string, string>, bundle: string, id: string, runs: number) {
  const event = {
    headers: {},
    pathParameters: { id },
    queryStringParameters: { limit: '100' },
    requestContext: {
      requestId: 'bench',
      authorizer: { jwt: { claims: claimsOf(user('evaluator')), scopes: [] } },
    },
  };
  const script = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
    const times = []; let bytes = 0;
    for (let i = 0; i < ${runs}; i++) {
      const started = performance.now();
      const response = await handler(${JSON.stringify(event)});
      times.push(performance.now() - started);
      if (response.statusCode !== 200) throw new Error(response.statusCode + ' ' + response.body);
      const body = JSON.parse(response.body);
      if (!body.chainIntact) throw new Error('chain broken');
      bytes = response.body.length;
    }
    const cpu = process.cpuUsage();
    times.sort((a, b) => a - b);
    console.log(JSON.stringify({ medianMs: times[Math.floor(times.length / 2)], cpuMs: (cpu.user + cpu.system) / 1000 / ${runs}, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes }));
  `;
  // Asynchronously: DynamoDB Local and s3rver answer the child from this process's stack.
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...env, POWERTOOLS_LOG_LEVEL: 'WARN' },
    encoding: 'utf8',
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as Measured;
}

/**
 * The audit trail of an agreement downloaded 13,000 times (about 13,000 events, past Lambda's 6 MB
 * answer when returned whole): its first page with the whole chain verified, against a 2-event
 * chain for the memory a request needs anyway; and anchoring the whole chain the first time.
 */
export async function historyBench(stack: EmbeddedStack, length = 13_000) {
  const table = stack.env.TABLE_NAME as string;
  const short = await draft(stack);
  const long = await appendDownloads(table, await draft(stack), length - 1);
  const dir = mkdtempSync(join(tmpdir(), 'history-bench-'));
  try {
    const route = ROUTES.find((r) => r.name === 'History') as RouteDefinition;
    const { file } = await bundleFunction(route, dir);
    const small = await historyInProcess(stack.env, file, short.id, 20);
    const big = await historyInProcess(stack.env, file, long.id, 10);
    console.log(
      `history, first page of ${length.toLocaleString('en')} events (whole chain verified), bundled handler: ` +
        `median ${big.medianMs.toFixed(0)} ms, CPU ${big.cpuMs.toFixed(0)} ms a request, answer ${(big.bytes / 1024).toFixed(0)} KB, ` +
        `peak RSS ${big.maxRssMb.toFixed(0)} MB (1 event: ${small.medianMs.toFixed(0)} ms, ${small.maxRssMb.toFixed(0)} MB)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The daily job's own wiring: the embedded stack has set the environment it reads.
  const trail = auditTrail();
  const started = performance.now();
  const run = await trail.anchorMoved();
  const ms = performance.now() - started;
  if (run.refused.length) throw new Error(`refused ${run.refused.join(', ')}`);
  console.log(
    `anchoring ${run.anchored} moved heads, one of them ${length.toLocaleString('en')} events never anchored before: ${ms.toFixed(0)} ms`,
  );
}
