import { ROUTES } from '../../functions/api/routes.js';
import { startEmbeddedStack } from './stack.js';

/** npm start: the whole system on one machine, data kept in .data/ across restarts. */
const stack = await startEmbeddedStack({
  dataDir: '.data',
  port: Number(process.env.PORT ?? 3000),
  schedule: true,
  webDir: 'web/dist',
});
console.log(`Kerja Sama web app on ${stack.baseUrl}/, API on ${stack.baseUrl}/api`);
for (const route of ROUTES) console.log(`  ${route.method.padEnd(5)} ${stack.baseUrl}${route.path}`);
console.log(
  `DynamoDB Local ${stack.env.AWS_ENDPOINT_URL_DYNAMODB}, S3 (s3rver) ${stack.env.AWS_ENDPOINT_URL_S3}`,
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
