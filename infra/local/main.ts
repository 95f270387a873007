import { resolve } from 'node:path';
import { ROUTES } from '../../functions/api/routes.js';
import { startEmbeddedStack } from './stack.js';

/**
 * npm start: the whole system on one machine, on 127.0.0.1:PORT (default 3000), its data kept in
 * DATA_DIR (default .data) across restarts; the demo region seeded on first start unless started
 * empty (`npm start -- --empty`, or SEED=empty).
 */
const dataDir = resolve(process.env.DATA_DIR || '.data');
const port = Number(process.env.PORT || 3000);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a TCP port number (0-65535), not "${process.env.PORT}"`);
  process.exit(2);
}
const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--empty');
if (unknown.length || !['', 'demo', 'empty'].includes(process.env.SEED ?? '')) {
  console.error('Usage: npm start [-- --empty]   (or SEED=demo|empty npm start)');
  process.exit(2);
}
const empty = args.includes('--empty') || process.env.SEED === 'empty';
const stack = await startEmbeddedStack({ dataDir, port, schedule: true, webDir: 'web/dist', empty });
console.log(`Kerja Sama web app on ${stack.baseUrl}/, API on ${stack.baseUrl}/api, data in ${dataDir}`);
console.log(
  empty
    ? 'Started empty: the demo region is not seeded into this data folder (now or later); one seeded before keeps its data.'
    : 'The demo region is seeded on first start: sign in as any of its users (GET /api/auth/dev-users).',
);
for (const route of ROUTES) {
  for (const path of [route.path, ...(route.alsoServes ?? [])])
    console.log(`  ${route.method.padEnd(5)} ${stack.baseUrl}${path}`);
}
console.log(
  `DynamoDB Local ${stack.env.AWS_ENDPOINT_URL_DYNAMODB}, S3 (s3rver behind a SigV4 gateway) ${stack.env.AWS_ENDPOINT_URL_S3}`,
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
