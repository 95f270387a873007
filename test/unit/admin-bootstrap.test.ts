import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bootstrapAdmin } from '../../infra/admin-bootstrap.js';

const cognito = mockClient(CognitoIdentityProviderClient);
const ddb = mockClient(DynamoDBDocumentClient);
const env = { USER_POOL_ID: 'ap-southeast-3_pool', TABLE_NAME: 'KerjaSama-Prod-table', REGION_ID: 'jateng' };
const args = [
  '--email',
  'Admin@Jatengprov.example.go.id',
  '--name',
  'Admin Biro Kerja Sama',
  '--nip',
  '198501012010011001',
];

beforeAll(() => {
  Object.assign(process.env, {
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
  });
});

beforeEach(() => {
  ddb.on(GetCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
  cognito
    .on(AdminCreateUserCommand)
    .resolves({ User: { Attributes: [{ Name: 'sub', Value: 'sub-admin' }] } });
  cognito.on(AdminAddUserToGroupCommand).resolves({});
});

afterEach(() => {
  cognito.reset();
  ddb.reset();
});

describe('npm run admin:bootstrap', () => {
  it('invites the first admin in Cognito and writes them, with the admin-log event, to the table', async () => {
    const admin = await bootstrapAdmin([...args, '--username', 'admin.biro'], env);
    expect(admin).toMatchObject({
      id: 'sub-admin',
      regionId: 'jateng',
      username: 'admin.biro',
      email: 'admin@jatengprov.example.go.id',
      role: 'admin',
      enabled: true,
    });
    const created = cognito.commandCalls(AdminCreateUserCommand)[0]?.args[0].input;
    expect(created).toMatchObject({
      UserPoolId: env.USER_POOL_ID,
      Username: 'admin.biro',
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]?.args[0].input.GroupName).toBe('admin');
    const writes = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(writes.every((w) => (w.Put ?? w.Update)?.TableName === env.TABLE_NAME)).toBe(true);
    const event = writes.find((w) => String(w.Put?.Item?.sk).startsWith('EVENT#'))?.Put?.Item;
    expect(event).toMatchObject({
      regionId: 'jateng',
      action: 'user.create',
      actor: { sub: 'setup', role: 'admin' },
      target: { kind: 'user', id: 'sub-admin' },
    });
    // The set of enabled admins gains them, in the same transaction.
    expect(writes.find((w) => w.Update?.Key?.pk === 'ADMINS#jateng')?.Update?.UpdateExpression).toBe(
      'ADD ids :ids',
    );
  });

  it('refuses once the region has an enabled admin, before Cognito is asked', async () => {
    ddb.on(GetCommand, { Key: { pk: 'ADMINS#jateng' } }).resolves({ Item: { ids: new Set(['sub-first']) } });
    await expect(bootstrapAdmin(args, env)).rejects.toMatchObject({
      name: 'ConflictError',
      details: { reason: 'admin_exists' },
    });
    expect(cognito.commandCalls(AdminCreateUserCommand)).toHaveLength(0);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('names what is missing or wrong: configuration, an option, a bad NIP, a unit', async () => {
    await expect(bootstrapAdmin(args, { ...env, TABLE_NAME: '' })).rejects.toThrow(/TABLE_NAME not set/);
    await expect(bootstrapAdmin([...args, '--role', 'sekda'], env)).rejects.toMatchObject({
      code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION',
    });
    await expect(
      bootstrapAdmin(['--email', 'a@example.go.id', '--name', 'A', '--nip', '123'], env),
    ).rejects.toMatchObject({
      issues: [{ path: 'nip' }],
    });
    expect(cognito.commandCalls(AdminCreateUserCommand)).toHaveLength(0);
  });
});
