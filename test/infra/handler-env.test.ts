import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/routes.js';
import { createTable } from '../../infra/local/bootstrap.js';
import { DEMO_USERS, SEED_USERS } from '../../infra/local/demo-users.js';
import { type LocalDynamo, startDynamo } from '../../infra/local/dynamodb.js';
import { seedUsers } from '../../infra/local/seed.js';
import { forgetClients } from '../../shared/adapters/aws/clients.js';
import { Table } from '../../shared/adapters/aws/table.js';
import { claimsOf } from '../../shared/identity/claims.js';
import { resourceOf, synthesise } from './support.js';

/** Each Lambda's environment as the stack defines it, unresolved references replaced by placeholders. */
function cloudEnvironments(): Map<string, Record<string, string>> {
  const { template } = synthesise();
  const envs = new Map<string, Record<string, string>>();
  for (const route of ROUTES) {
    const [, fn] = resourceOf(template, 'AWS::Lambda::Function', route.name);
    const variables = ((fn.Properties.Environment as { Variables?: object })?.Variables ?? {}) as Record<
      string,
      unknown
    >;
    envs.set(
      route.name,
      Object.fromEntries(
        Object.entries(variables).map(([k, v]) => [k, typeof v === 'string' ? v : `placeholder-${k}`]),
      ),
    );
  }
  return envs;
}

describe('handlers in the cloud configuration', () => {
  let dynamo: LocalDynamo;

  // Each signed-in request reads its caller from the table first: the stack's table, with its users.
  beforeAll(async () => {
    dynamo = await startDynamo();
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_REGION: 'ap-southeast-3',
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
    });
    try {
      const client = new DynamoDBClient({});
      await createTable(client, 'placeholder-TABLE_NAME');
      client.destroy();
      await seedUsers(new Table('placeholder-TABLE_NAME'), 'region', SEED_USERS);
    } finally {
      process.env = saved;
      forgetClients();
    }
  }, 120_000);

  afterAll(async () => {
    forgetClients();
    await dynamo?.stop();
  });

  it('never fail for want of an environment variable the stack does not give them', async () => {
    const envs = cloudEnvironments();
    const saved = { ...process.env };
    const user = DEMO_USERS.find((u) => u.username === 'biro.staf');
    if (!user) throw new Error('no demo user');
    try {
      for (const route of ROUTES) {
        // Only what Lambda itself provides, plus the stack's variables for this function.
        for (const key of Object.keys(process.env))
          if (/^(AWS_|TABLE_|DOCUMENTS_|INCOMING_|ARCHIVE_|LOCAL_|PUBLIC_|FONTS_)/.test(key))
            delete process.env[key];
        Object.assign(process.env, envs.get(route.name), {
          AWS_REGION: 'ap-southeast-3',
          AWS_ACCESS_KEY_ID: 'x',
          AWS_SECRET_ACCESS_KEY: 'x',
          AWS_MAX_ATTEMPTS: '1',
          AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
        });
        const { handler } = await import(pathToFileURL(resolve(route.entry)).href);
        const result = await handler({
          headers: { 'content-type': route.public ? 'application/pdf' : 'application/json' },
          body: route.public ? '' : '{}',
          isBase64Encoded: false,
          pathParameters: { id: 'nope', documentType: 'MOU', category: 'KSDD' },
          queryStringParameters: { signedFrom: 'not-a-date', status: 'lost' },
          requestContext: {
            requestId: 'env-test',
            http: { method: route.method },
            authorizer: { jwt: { claims: claimsOf(user), scopes: [] } },
          },
        });
        const body = JSON.parse(result.body ?? '{}');
        expect(result.statusCode, `${route.name}: ${JSON.stringify(body)}`).not.toBe(500);
      }
    } finally {
      process.env = saved;
    }
  }, 60_000);
});
