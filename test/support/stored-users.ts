import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { SEED_USERS } from '../../infra/local/demo-users.js';
import demoRegion from '../../infra/local/seed/demo-region.json' with { type: 'json' };
import type { User } from '../../shared/admin/user.js';

/** The demo users as the store keeps them, of `regionId`. */
export const storedDemoUsers = (regionId: string): User[] =>
  SEED_USERS.map((u) => ({
    id: u.id,
    regionId,
    username: u.username,
    name: u.name,
    email: u.email,
    nip: u.nip,
    role: u.role,
    ...(u.unit ? { unit: u.unit } : {}),
    enabled: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  }));

/**
 * On a mocked document client, answers the read every signed-in request makes of its caller (the
 * GetItem of `USER#<id>`) with the demo users as stored, and the demo region's profile and units as
 * the seed writes them: call it after each reset of the mock, before the test's own answers (a later
 * answer for every GetItem replaces these).
 */
export function answerCallers(ddb: AwsClientStub<DynamoDBDocumentClient>, regionId: string): void {
  // Any other item is missing, unless the test says otherwise after this.
  ddb.on(GetCommand).resolves({});
  for (const user of storedDemoUsers(regionId)) {
    ddb.on(GetCommand, { Key: { pk: `USER#${user.id}`, sk: 'USER' } }).resolves({ Item: user });
  }
  // The demo region's profile and units, which complete and check every form.
  const at = '2026-01-01T00:00:00.000Z';
  ddb.on(GetCommand, { Key: { pk: `REGION#${regionId}`, sk: 'PROFILE' } }).resolves({
    Item: { ...demoRegion.region, regionId, updatedAt: at, updatedBy: { sub: 'seed', name: 'seed' } },
  });
  for (const unit of demoRegion.units) {
    ddb
      .on(GetCommand, { Key: { pk: `REGION#${regionId}`, sk: `UNIT#${unit.code}` } })
      .resolves({ Item: { ...unit, active: true, createdAt: at, updatedAt: at } });
  }
}

/** The calls a test made of the mocked client besides reading who the caller is. */
export const storageCalls = (ddb: AwsClientStub<DynamoDBDocumentClient>) =>
  ddb.calls().filter((call) => {
    const command = call.args[0];
    return !(command instanceof GetCommand && String(command.input.Key?.pk).startsWith('USER#'));
  });
