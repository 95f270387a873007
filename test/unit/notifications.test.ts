import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler as notify } from '../../functions/events/notify.js';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { DynamoInbox } from '../../shared/adapters/aws/dynamo-inbox.js';
import { Table } from '../../shared/adapters/aws/table.js';
import type { OutboxMessage } from '../../shared/ports/outbox.js';
import { inboxPage } from '../../shared/workflow/inbox.js';

const ses = mockClient(SESv2Client);
const ddb = mockClient(DynamoDBDocumentClient);

beforeAll(() => {
  Object.assign(process.env, {
    TABLE_NAME: 'agreements-test',
    REGION_ID: 'test',
    SENDER_EMAIL: 'no-reply@example.go.id',
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
});

afterEach(() => {
  ses.reset();
  ddb.reset();
});

const message = (id: string, unit?: string): OutboxMessage => ({
  id,
  at: '2026-11-24T08:00:00.000Z',
  to: { role: 'opd_head', ...(unit ? { unit } : {}) },
  subject: 'PKS menunggu tindakan Anda / awaits your action',
  body: 'Langkah / step: opd-endorse',
  agreementId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
});

const streamOf = (...messages: OutboxMessage[]): DynamoDBStreamEvent => ({
  Records: messages.map((m, i) => ({
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: String(i + 1),
      NewImage: marshall({ pk: 'OUTBOX', sk: m.id, ...m }) as never,
    },
  })),
});

/** A user as the store keeps them. */
const stored = (email: string, unit: string) => ({
  pk: `USER#${email}`,
  sk: 'USER',
  id: email,
  regionId: 'test',
  username: email.split('@')[0],
  name: email,
  email,
  nip: '199001012015011001',
  role: 'opd_head',
  unit,
  enabled: true,
});

describe('notifications', () => {
  it("emails the enabled holders of the role in the unit, read from the region's user store, once per outbox item", async () => {
    ddb
      .on(QueryCommand)
      .resolves({ Items: [stored('a@disdik.go.id', 'DISDIK'), stored('c@disdik.go.id', 'DISDIK')] });
    ses.on(SendEmailCommand).resolves({});
    const result = await notify(streamOf(message('m1', 'DISDIK')));
    expect(result.batchItemFailures).toEqual([]);
    const sent = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.Destination?.BccAddresses).toEqual(['a@disdik.go.id', 'c@disdik.go.id']);
    // The unit's users, filtered to the role's enabled holders by DynamoDB.
    const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(query).toMatchObject({
      IndexName: 'byUnit',
      FilterExpression: '#role = :role AND enabled = :enabled',
      ExpressionAttributeValues: { ':k': 'USERS#test#UNIT#DISDIK', ':role': 'opd_head', ':enabled': true },
    });
  });

  it("asks the role's partition when the message names no unit", async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const result = await notify(streamOf({ ...message('m1'), to: { role: 'biro_staff' } }));
    expect(result.batchItemFailures).toEqual([]);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      IndexName: 'byType',
      ExpressionAttributeValues: { ':k': 'USERS#test#ROLE#biro_staff', ':role': 'biro_staff' },
    });
  });

  it('reports only the failed records for retry when SES is down', async () => {
    ddb.on(QueryCommand).resolves({ Items: [stored('a@disdik.go.id', 'DISDIK')] });
    ses.on(SendEmailCommand).rejectsOnce(new Error('Throttling')).resolves({});
    const result = await notify(streamOf(message('m1', 'DISDIK'), message('m2', 'DISDIK')));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '1' }]);
  });
});

describe('the inbox', () => {
  it('flags entries past their due date, from one index query', async () => {
    const clock = { now: () => new Date('2026-11-24T00:00:00.000Z') };
    const entry = (stepId: string, dueAt: string) => ({
      agreementId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
      stepId,
      role: 'biro_staff',
      kind: 'review',
      title: { id: 'Kerja Sama' },
      documentType: 'MOU',
      category: 'KSDD',
      version: 1,
      openedAt: '2026-11-01T00:00:00.000Z',
      dueAt,
    });
    ddb.on(QueryCommand).resolves({
      Items: [entry('late', '2026-11-20T00:00:00.000Z'), entry('on-time', '2026-12-01T00:00:00.000Z')],
    });
    const inbox = new DynamoInbox(new Table('t'));
    const biro = DEMO_USERS.find((u) => u.role === 'biro_staff');
    if (!biro) throw new Error('no biro user');
    const delegations = { inForce: async () => [] };
    const page = await inboxPage({ inbox, clock, delegations, regionId: 'demo' }, biro, {});
    expect(page.items.map((i) => [i.stepId, i.overdue])).toEqual([
      ['late', true],
      ['on-time', false],
    ]);
    const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(query).toMatchObject({ IndexName: 'inbox', ScanIndexForward: false });
    expect(query?.ExpressionAttributeValues).toEqual({ ':k': 'ROLE#biro_staff' });
  });
});
