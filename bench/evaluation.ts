import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ROUTES, type RouteDefinition } from '../functions/api/routes.js';
import { bundleFunction } from '../infra/bundle.js';
import { DEMO_USERS } from '../infra/local/demo-users.js';
import type { EmbeddedStack } from '../infra/local/stack.js';
import { agreementPk, counterKey, listItem } from '../shared/adapters/aws/table-items.js';
import { facets } from '../shared/archive/archive-record.js';
import { counterDelta, shardOf } from '../shared/evaluation/counters.js';
import { addDays } from '../shared/evaluation/lifecycle.js';
import { EVALUATION_LISTS, listEntries } from '../shared/evaluation/lists.js';
import { claimsOf } from '../shared/identity/claims.js';
import type { Identity } from '../shared/identity/identity.js';
import {
  archivedHead,
  syntheticAgreement,
  syntheticRecord,
  syntheticReport,
} from '../test/support/synthetic.js';
import { report, time } from './stats.js';

/**
 * 100,000 archived agreements, every one in force during the reported year, with three activity
 * reports each in that year (300,000): the worst case for the annual report. Written straight into
 * the table in the shapes the stores write (category facet, evaluation-list entries, activity
 * reports, counters); the agreement heads themselves are left out, since neither the dashboard
 * nor the report reads them.
 */
function* seedItems(agreements: number, year: number, today: string) {
  const counters = new Map<string, Record<string, number>>();
  for (let n = 0; n < agreements; n++) {
    const a = syntheticAgreement(n, `${year - 4}-01-01T00:00:00.000Z`);
    const signedAt = addDays(`${year - 4}-01-10`, n % 1400);
    const record = syntheticRecord(a, signedAt, a.documentType === 'LOI' ? 0 : 5 + (n % 3));
    const { after } = archivedHead(a, record, today);
    for (const [dimension, tally] of counterDelta(undefined, after)) {
      const key = JSON.stringify(counterKey(shardOf(a.id), dimension));
      const c = counters.get(key) ?? {};
      for (const [k, v] of tally) c[k] = (c[k] ?? 0) + v;
      counters.set(key, c);
    }
    const summary = {
      agreementId: a.id,
      title: a.title,
      documentType: a.documentType,
      category: a.category,
      parties: a.parties,
      countries: record.countries,
      fields: a.fields,
      signedAt,
      validFrom: record.validFrom,
      ...(record.validUntil ? { validUntil: record.validUntil } : {}),
      unitCode: a.initiatingUnit.code,
    };
    const category = facets(record).find((f) => f.startsWith('CATEGORY#')) as string;
    yield {
      pk: agreementPk(a.id),
      sk: `FACET#${category}`,
      archiveKey: category,
      archiveSort: `${signedAt}#${a.id}`,
      ...summary,
    };
    for (const entry of listEntries(record)) yield listItem(a.id, entry, summary);
    for (const [i, [from, to]] of [
      ['01-01', '04-30'],
      ['05-01', '08-31'],
      ['09-01', '12-31'],
    ].entries()) {
      const r = syntheticReport(a, `${year}-${from}`, `${year}-${to}`, i + 1);
      yield {
        pk: agreementPk(a.id),
        sk: `ACTIVITY#${r.period.from}#${r.reportId}`,
        evalKey: `REPORTS#${year}#${shardOf(a.id)}`,
        evalSort: `${a.id}#${r.period.from}`,
        ...r,
      };
    }
  }
  for (const [key, c] of counters) yield { ...JSON.parse(key), ...c };
}

export async function seed(stack: EmbeddedStack, agreements: number, year: number, today: string) {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 10 }));
  const table = stack.env.TABLE_NAME as string;
  const started = performance.now();
  let batch: Record<string, unknown>[] = [];
  let count = 0;
  const pending: Promise<unknown>[] = [];
  const flush = async (items: Record<string, unknown>[]) => {
    let request: Record<string, unknown[]> | undefined = { [table]: items };
    while (request && Object.keys(request).length) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: request as never }));
      request = out.UnprocessedItems as typeof request;
    }
  };
  for (const item of seedItems(agreements, year, today)) {
    count += 1;
    batch.push({ PutRequest: { Item: item } });
    if (batch.length === 25) {
      pending.push(flush(batch));
      batch = [];
      if (pending.length === 32) await Promise.all(pending.splice(0));
    }
  }
  pending.push(flush(batch));
  await Promise.all(pending);
  db.destroy();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `seeded ${agreements} archived agreements, ${agreements * 3} activity reports (${count} items) in ${seconds.toFixed(0)} s`,
  );
}

export async function evaluationBench(stack: EmbeddedStack, agreements = 100_000, runs = 50) {
  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4)) - 1;
  await seed(stack, agreements, year, today);
  const user = DEMO_USERS.find((u) => u.username === 'evaluator') as Identity;
  const token = await stack.auth.issue(user);
  const get = async (path: string) => {
    const res = await fetch(`${stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const summary = await get('/api/evaluation/summary');
  console.log(`dashboard summary counts ${summary.total} agreements`);
  report(
    `evaluation summary, ${agreements.toLocaleString('en')} agreements`,
    await time(runs, 5, () => get('/api/evaluation/summary')),
    '≤ 100 ms median',
  );
  const dashboard = () =>
    Promise.all([
      get('/api/evaluation/summary'),
      ...EVALUATION_LISTS.map((name) => get(`/api/evaluation/lists/${name}?limit=20`)),
    ]);
  report('dashboard: summary + first page of 6 lists', await time(runs, 5, dashboard), '≤ 100 ms median');

  // Only the Biro generates periodic reports (issue 11); evaluators read them.
  await annualReportBench(stack.env, DEMO_USERS.find((u) => u.username === 'biro.staf') as Identity, year);
}

/**
 * The annual report through the deployed bundle of its handler, in a plain Node process of its own
 * as Lambda runs it: its peak memory is the function's, not this process's nor tsx's.
 */
export async function annualReportBench(env: Record<string, string>, user: Identity, year: number) {
  const dir = mkdtempSync(join(tmpdir(), 'report-bench-'));
  const route = ROUTES.find((r) => r.name === 'CreateReport') as RouteDefinition;
  const bundle = await bundleFunction(route, dir);
  const event = {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ period: String(year) }),
    isBase64Encoded: false,
    requestContext: { requestId: 'bench', authorizer: { jwt: { claims: claimsOf(user), scopes: [] } } },
  };
  const script = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(bundle.file).href)});
    const started = performance.now();
    const response = await handler(${JSON.stringify(event)});
    const cpu = process.cpuUsage();
    if (response.statusCode !== 201) throw new Error(response.statusCode + ' ' + response.body);
    console.log(JSON.stringify({ ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, stored: JSON.parse(response.body) }));
  `;
  // Asynchronously: s3rver runs in this process and must keep answering the child.
  const { stdout: out } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      ...process.env,
      ...env,
      FONTS_DIR: join(dir, route.name, 'fonts'),
      POWERTOOLS_LOG_LEVEL: 'WARN',
    },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
  const result = JSON.parse(out.trim().split('\n').at(-1) as string) as {
    ms: number;
    cpuMs: number;
    maxRssMb: number;
    stored: {
      agreements: number;
      activityReports: number;
      files: { xlsx: { size: number }; pdf: { size: number } };
    };
  };
  console.log(
    `annual report ${year}: ${result.stored.agreements} agreements, ${result.stored.activityReports} activity reports, ` +
      `XLSX ${(result.stored.files.xlsx.size / 1e6).toFixed(1)} MB + PDF ${(result.stored.files.pdf.size / 1e6).toFixed(1)} MB ` +
      `in ${(result.ms / 1000).toFixed(1)} s (the function's own CPU ${(result.cpuMs / 1000).toFixed(1)} s; the rest waits on DynamoDB Local), ` +
      `peak RSS ${result.maxRssMb.toFixed(0)} MB   target ≤ 20 s, ≤ 512 MB`,
  );
}
