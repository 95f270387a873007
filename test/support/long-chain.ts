import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DynamoDBDocumentClient,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { eventSk, movedHeadKey } from '../../shared/adapters/aws/table-items.js';
import type { Agreement } from '../../shared/agreement/agreement.js';
import { type AuditEvent, seal } from '../../shared/workflow/audit.js';

/** An archive download as the archive service records it: one event, nothing else changed. */
const download = (a: Agreement, i: number, previous: { seq: number; hash: string }): AuditEvent =>
  seal(
    {
      agreementId: a.id,
      at: new Date(Date.parse('2026-01-01T00:00:00.000Z') + i * 60_000).toISOString(),
      actor: { sub: 'u-evaluator', name: 'Nur Hidayah', role: 'evaluator' },
      action: 'download',
      version: a.currentVersion,
      documentSha256: 'a'.repeat(64),
      fromStatus: a.status,
      toStatus: a.status,
    },
    previous,
  );

/**
 * Appends `n` download events to an agreement's chain straight into the table (25 to a batch), moves
 * its head and marks it for the next anchor: what years of downloads leave behind, in seconds.
 */
export async function appendDownloads(table: string, agreement: Agreement, n: number): Promise<Agreement> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  let last = agreement.lastEvent;
  for (let i = 0; i < n; i += 25) {
    const batch: AuditEvent[] = [];
    for (let j = i; j < Math.min(n, i + 25); j++) {
      const event = download(agreement, j, last);
      batch.push(event);
      last = { seq: event.seq, hash: event.hash };
    }
    let requests: BatchWriteCommandInput['RequestItems'] = {
      [table]: batch.map((e) => ({
        PutRequest: { Item: { pk: `AGR#${e.agreementId}`, sk: eventSk(e.seq), ...e } },
      })),
    };
    while (requests && Object.keys(requests).length) {
      requests = (await db.send(new BatchWriteCommand({ RequestItems: requests }))).UnprocessedItems;
    }
  }
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: `AGR#${agreement.id}`, sk: 'AGREEMENT' },
      UpdateExpression: 'SET lastEvent = :last',
      ExpressionAttributeValues: { ':last': last },
    }),
  );
  await db.send(
    new PutCommand({
      TableName: table,
      Item: { ...movedHeadKey(agreement.id), agreementId: agreement.id, seq: last.seq },
    }),
  );
  db.destroy();
  return { ...agreement, lastEvent: last };
}
