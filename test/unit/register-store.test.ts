import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoRegisterStore } from '../../shared/adapters/aws/dynamo-register.js';
import { Table } from '../../shared/adapters/aws/table.js';
import { UnavailableError } from '../../shared/errors.js';
import type { RegisterEntry } from '../../shared/register/entry.js';

const ddb = mockClient(DynamoDBDocumentClient);
const store = new DynamoRegisterStore(new Table('agreements-test'));
const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

const entry: RegisterEntry & { voided: NonNullable<RegisterEntry['voided']> } = {
  regionId: 'demo',
  year: 2026,
  sequence: 7,
  number: '119/0007/PKS/DISDIK/2026',
  documentType: 'PKS',
  agreementId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
  title: { id: 'Kerja Sama' },
  unit: 'DISDIK',
  assignedAt: '2026-03-01T02:00:00.000Z',
  assignedBy: { sub: 'u-biro-head', name: 'Kepala Biro', role: 'biro_head' },
  voided: {
    reason: 'DynamoDB is unavailable',
    at: '2026-03-01T02:00:01.000Z',
    by: { sub: 'u-biro-head', name: 'Kepala Biro', role: 'biro_head' },
  },
};

afterEach(() => ddb.reset());

describe('the register store', () => {
  it('reserves the year’s next sequence with one UpdateItem ADD that answers the new value', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: { last: 8 } });
    expect(await store.reserve('demo', 2026)).toBe(8);
    expect(ddb.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: 'agreements-test',
      Key: { pk: 'REGISTER#demo', sk: 'COUNTER#2026' },
      UpdateExpression: 'ADD #n :one',
      ExpressionAttributeNames: { '#n': 'last' },
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    });
  });

  it('answers a failing reservation as a 503: no number is handed out', async () => {
    ddb.on(UpdateCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(store.reserve('demo', 2026)).rejects.toBeInstanceOf(UnavailableError);
  });

  it('never overwrites an entry when it records a voided reservation', async () => {
    ddb.on(PutCommand).rejects(conditionFailed());
    await expect(store.recordVoided(entry)).resolves.toBeUndefined();
    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input).toMatchObject({
      Item: { pk: 'REGISTER#demo#2026', sk: 'SEQ#000007', voided: { reason: 'DynamoDB is unavailable' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('refuses a claim held by another request at the same position, and takes over a stale one', async () => {
    ddb.on(PutCommand).rejectsOnce(conditionFailed()).resolves({});
    expect(await store.claim('01JAAAAAAAAAAAAAAAAAAAAAAA', 9, 'b', 'now', 'before')).toBe(false);
    expect(await store.claim('01JAAAAAAAAAAAAAAAAAAAAAAA', 9, 'b', 'now', 'before')).toBe(true);
    expect(ddb.commandCalls(PutCommand)[1]?.args[0].input).toMatchObject({
      Item: { pk: 'AGR#01JAAAAAAAAAAAAAAAAAAAAAAA', sk: 'NUMBERING', seq: 9, owner: 'b' },
      ConditionExpression: 'attribute_not_exists(pk) OR seq <> :seq OR #at < :stale',
      ExpressionAttributeValues: { ':seq': 9, ':stale': 'before' },
    });
  });
});
