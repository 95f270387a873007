import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoAdminLog } from '../../shared/adapters/aws/dynamo-admin-log.js';
import { stage } from '../../shared/adapters/aws/staged.js';
import { Table } from '../../shared/adapters/aws/table.js';
import type { AdminEvent } from '../../shared/admin/admin-log.js';
import { recordAdminChange } from '../../shared/admin/record-admin-change.js';
import { systemClock } from '../../shared/ports/clock.js';
import { verifyChain } from '../../shared/workflow/audit.js';
import { apiAs } from './support/api.js';
import { useEmbeddedStack } from './support/stack.js';

const stack = useEmbeddedStack();
const as = (username: string) => apiAs(stack, username);
const admin = { sub: 'u-admin', name: 'Admin Sistem', role: 'admin' as const };

/** A change of a test-only item, written with its admin event. */
const change = (region: string, n: number) => {
  const table = new Table(stack.env.TABLE_NAME as string);
  return recordAdminChange(
    { log: new DynamoAdminLog(table), clock: systemClock },
    {
      regionId: region,
      actor: admin,
      decide: async () => ({
        action: 'unit.create',
        target: { kind: 'unit', id: `U${n}` },
        after: { code: `U${n}` },
        writes: [stage(table.putNew({ pk: `TEST#${region}`, sk: `U${n}` }))],
        result: n,
      }),
    },
  );
};

describe('the administration log', () => {
  it('chains concurrent changes one after another, each written with its change', async () => {
    const region = 'log-concurrent';
    const done = await Promise.all(Array.from({ length: 8 }, (_, n) => change(region, n)));
    expect(done.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const events: AdminEvent[] = [];
    await new DynamoAdminLog(new Table(stack.env.TABLE_NAME as string)).pages(region, (page) =>
      events.push(...page),
    );
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(verifyChain(events)).toEqual({ intact: true });
    expect(new Set(events.map((e) => e.target.id)).size).toBe(8);
  });

  it('writes neither the event nor the change when a write of the change fails its condition', async () => {
    const region = 'log-refused';
    await change(region, 1);
    // The same unit again: its put fails on every attempt, so the change is refused as a conflict.
    await expect(change(region, 1)).rejects.toMatchObject({ name: 'ConflictError' });
    const log = new DynamoAdminLog(new Table(stack.env.TABLE_NAME as string));
    expect(await log.head(region)).toMatchObject({ seq: 1 });
  });

  it('is shown to the admin a page at a time, and says when an event was edited afterwards', async () => {
    for (const n of [1, 2, 3]) await change(stack.env.REGION_ID as string, n);
    const res = await as('admin')('GET', '/api/admin/log?limit=2');
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.chainIntact).toBe(true);
    expect(res.json.items.map((e: AdminEvent) => e.seq)).toEqual([3, 2]);
    const next = await as('admin')('GET', `/api/admin/log?limit=2&cursor=${res.json.nextCursor}`);
    expect(next.json.items.map((e: AdminEvent) => e.seq)).toEqual([1]);
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    await db.send(
      new UpdateCommand({
        TableName: stack.env.TABLE_NAME,
        Key: { pk: `ADMINLOG#${stack.env.REGION_ID}`, sk: 'EVENT#000000001' },
        UpdateExpression: 'SET #a = :a',
        ExpressionAttributeNames: { '#a': 'action' },
        ExpressionAttributeValues: { ':a': 'user.delete' },
      }),
    );
    const after = await as('admin')('GET', '/api/admin/log');
    expect(after.json).toMatchObject({ chainIntact: false, brokenAt: 1 });
  });

  it.each(['disdik.penyusun', 'disdik.kepala', 'biro.staf', 'biro.kepala', 'sekda', 'gubernur', 'evaluator'])(
    'is refused to %s',
    async (username) => {
      const res = await as(username)('GET', '/api/admin/log');
      expect(res.status).toBe(403);
    },
  );
});
