import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { once } from '../../functions/wiring/adapters.js';
import { forgetClients } from '../../shared/adapters/aws/clients.js';
import { DynamoOutbox } from '../../shared/adapters/aws/dynamo-outbox.js';
import { Table } from '../../shared/adapters/aws/table.js';
import { LocalTimestampAuthority } from '../../shared/adapters/local/local-timestamp-authority.js';
import { contentSecurityPolicy, securityHeaders } from '../security-headers.js';
import { invokeAsync } from './async-invoke.js';
import { createLocalAuth, type LocalAuth } from './auth.js';
import { createTable } from './bootstrap.js';
import { SEED_BSRE } from './demo-users.js';
import {
  bsreRoutes,
  certificateAuthorityRoutes,
  devAuthRoutes,
  outboxRoute,
  timestampRoute,
} from './dev-routes.js';
import { startDynamo } from './dynamodb.js';
import { createApiServer, listen } from './http-adapter.js';
import { S3_CREDENTIALS, startS3 } from './s3.js';
import { scheduleDaily } from './schedule.js';
import { seedDemoRegion } from './seed.js';
import { staticFiles } from './static-files.js';

export interface EmbeddedStack {
  baseUrl: string;
  /** The environment the handlers run with (also set in process.env). */
  env: Record<string, string>;
  /** Issues tokens for stored users (what POST /api/auth/dev-login does). */
  auth: LocalAuth;
  stop(): Promise<void>;
}

export interface EmbeddedStackOptions {
  /** Where DynamoDB Local and s3rver keep their files; a throwaway folder when absent. */
  dataDir?: string;
  /** Keep DynamoDB in memory (tests). */
  inMemory?: boolean;
  /** HTTP port of the API; 0 picks a free one. */
  port?: number;
  /** More buckets to create, e.g. for the bench (objects there trigger nothing). */
  extraBuckets?: string[];
  /** Run the daily job now and every day (npm start); tests drive it with their own clock. */
  schedule?: boolean;
  /** The built web app to serve outside /api (npm start, browser tests). */
  webDir?: string;
  /**
   * Start without the demo region of infra/local/seed/demo-region.json (`npm start -- --empty`): no
   * profile, no units, no users, and that data folder is never seeded afterwards. By default the demo
   * region is seeded on first start (once per data folder).
   */
  empty?: boolean;
}

const REGION = 'ap-southeast-3';
const TABLE_NAME = 'kerjasama-local';
const DOCUMENTS_BUCKET = 'kerjasama-documents-local';
const INCOMING_BUCKET = 'kerjasama-incoming-local';
const ARCHIVE_BUCKET = 'kerjasama-archive-local';

/**
 * DynamoDB Local, s3rver and an HTTP server that runs the same Lambda handlers as the cloud.
 * Handlers read their configuration from process.env, so this sets it before the first request.
 */
export async function startEmbeddedStack(options: EmbeddedStackOptions = {}): Promise<EmbeddedStack> {
  const scratch = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'kerjasama-'));
  const dataDir = options.dataDir ?? (scratch as string);
  const dynamo = await startDynamo(options.inMemory ? {} : { dataDir: join(dataDir, 'dynamodb') });
  const s3 = await startS3({
    directory: join(dataDir, 's3'),
    buckets: [DOCUMENTS_BUCKET, INCOMING_BUCKET, ARCHIVE_BUCKET, ...(options.extraBuckets ?? [])],
    region: REGION,
  }).catch(async (e) => {
    await dynamo.stop();
    throw e;
  });
  const env: Record<string, string> = {
    AWS_REGION: REGION,
    // The embedded S3 accepts only these credentials, signed for REGION; DynamoDB Local accepts any.
    AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_S3_FORCE_PATH_STYLE: 'true',
    // Without these the SDK frames stream bodies as aws-chunked, which s3rver stores verbatim.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    TABLE_NAME,
    // The region this deployment serves: its profile, users and admin log are kept under this id.
    REGION_ID: 'demo',
    DOCUMENTS_BUCKET,
    INCOMING_BUCKET,
    ARCHIVE_BUCKET,
    // Demo signers' certificates come from a local certificate authority kept with the data.
    LOCAL_CA_DIR: join(dataDir, 'ca'),
    // Sign-in is dev-login over the stored users: there is no user pool to keep accounts in.
    LOCAL_SIGN_IN: 'dev-login',
    // The BSrE simulator's client credentials (SIGNING_TRANSPORT=bsre signs through it): new each start.
    BSRE_CLIENT_ID: 'kerjasama-local',
    BSRE_CLIENT_SECRET: randomBytes(18).toString('base64url'),
  };
  Object.assign(process.env, env);
  const ddb = new DynamoDBClient({});
  await createTable(ddb, TABLE_NAME);
  ddb.destroy();
  await seedDemoRegion(new Table(TABLE_NAME), env.REGION_ID as string, options.empty ?? false);
  // The web app POSTs signed copies and activity attachments straight to presigned upload forms,
  // cross-origin, as the cloud's CORS rules allow.
  const s3client = new S3Client({ forcePathStyle: true });
  for (const bucket of [INCOMING_BUCKET, DOCUMENTS_BUCKET]) {
    await s3client.send(
      new PutBucketCorsCommand({
        Bucket: bucket,
        CORSConfiguration: {
          CORSRules: [{ AllowedMethods: ['POST'], AllowedOrigins: ['*'], MaxAgeSeconds: 3000 }],
        },
      }),
    );
  }
  s3client.destroy();
  const bsre = once(async () => {
    const { BsreSimulator } = await import('../../shared/adapters/local/bsre-simulator.js');
    const { LocalSigningKeys } = await import('../../shared/adapters/local/local-signing-keys.js');
    const { HttpTimestampAuthorities } = await import(
      '../../shared/adapters/tsa/http-timestamp-authorities.js'
    );
    const simulator = new BsreSimulator(
      join(dataDir, 'bsre'),
      new LocalSigningKeys(env.LOCAL_CA_DIR as string, () => env.PUBLIC_BASE_URL),
      () => new HttpTimestampAuthorities([`${env.PUBLIC_BASE_URL}/tsa`], { timeoutMs: 5000 }),
    );
    if (!options.empty) simulator.enrol(SEED_BSRE);
    return simulator;
  });
  const auth = await createLocalAuth(options.inMemory ? undefined : join(dataDir, 'auth'));
  const outbox = new DynamoOutbox(new Table(TABLE_NAME));
  // CloudFront's security headers on every response; the browser may call the API and the S3
  // endpoint, and show the region's emblem from it.
  const headers = securityHeaders(contentSecurityPolicy([s3.endpoint], [s3.endpoint]));
  const server = createApiServer({
    verify: auth.verify,
    localRoutes: [
      ...devAuthRoutes(auth),
      outboxRoute((limit, to) => outbox.outbox(limit, to)),
      timestampRoute(new LocalTimestampAuthority(env.LOCAL_CA_DIR as string, () => env.PUBLIC_BASE_URL)),
      ...certificateAuthorityRoutes(env.LOCAL_CA_DIR as string),
      ...bsreRoutes(bsre, { id: env.BSRE_CLIENT_ID as string, secret: env.BSRE_CLIENT_SECRET as string }),
    ],
    responseHeaders: headers,
    ...(options.webDir ? { web: staticFiles(options.webDir, headers) } : {}),
  });
  // Uploads reach the same handlers as in the cloud, where S3 notifies them per prefix, retried as
  // Lambda retries them; after the last try the dead-letter handler records the failure: signed
  // copies under incoming/ are ingested (IngestFailed), template files under templates/ checked
  // (TemplateCheckFailed), batch workbooks under batches/ drafted (DraftBatch itself).
  s3.onObjectCreated(async (event) => {
    const record = event.Records[0];
    if (record?.s3.bucket.name !== INCOMING_BUCKET) return;
    const key = record.s3.object.key;
    if (key.startsWith('incoming/')) {
      const { handler } = await import('../../functions/events/ingest-upload.js');
      const { handler: failed } = await import('../../functions/events/ingest-failed.js');
      await invokeAsync(event as never, handler, failed);
    } else if (key.startsWith('templates/')) {
      const { handler } = await import('../../functions/events/validate-template.js');
      const { handler: failed } = await import('../../functions/events/template-check-failed.js');
      await invokeAsync(event as never, handler, failed);
    } else if (key.startsWith('batches/')) {
      // DraftBatch empties its own dead-letter queue.
      const { handler } = await import('../../functions/events/draft-batch.js');
      await invokeAsync(event as never, handler, handler);
    }
  });
  const stopSchedule = options.schedule
    ? scheduleDaily(async () => (await import('../../functions/events/daily.js')).handler())
    : () => {};
  const baseUrl = await listen(server, options.port ?? 0);
  // The QR code in a signature block opens the verification page of this very server, and every
  // signature is dated by this server's TSA, over HTTP as the cloud asks its TSAs.
  env.PUBLIC_BASE_URL = baseUrl;
  env.TSA_URLS = `${baseUrl}/tsa`;
  env.BSRE_URL = `${baseUrl}/bsre`;
  Object.assign(process.env, {
    PUBLIC_BASE_URL: env.PUBLIC_BASE_URL,
    TSA_URLS: env.TSA_URLS,
    BSRE_URL: env.BSRE_URL,
  });
  return {
    baseUrl,
    env,
    auth,
    async stop() {
      stopSchedule();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([s3.stop(), dynamo.stop()]);
      // The handlers ran in this process: a stack started after this one has other endpoints.
      forgetClients();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    },
  };
}
