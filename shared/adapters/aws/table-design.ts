/**
 * The single table's keys and indexes: the adapters read them, and the CDK stack and the embedded
 * stack create the same table from them. The README documents each access pattern next to these.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** Items that expire (idempotency records) carry their epoch-seconds expiry here. */
export const TTL_ATTRIBUTE = 'ttl';

export const TABLE_INDEXES = [
  { name: 'byUnit', partitionKey: 'unitKey', sortKey: 'listKey' },
  { name: 'byStatus', partitionKey: 'statusKey', sortKey: 'listKey' },
  { name: 'byType', partitionKey: 'typeKey', sortKey: 'listKey' },
  { name: 'all', partitionKey: 'allKey', sortKey: 'listKey' },
  { name: 'inbox', partitionKey: 'inboxKey', sortKey: 'inboxSort' },
  { name: 'archive', partitionKey: 'archiveKey', sortKey: 'archiveSort' },
  { name: 'evaluation', partitionKey: 'evalKey', sortKey: 'evalSort' },
  { name: 'schedule', partitionKey: 'scheduleKey', sortKey: 'scheduleSort' },
] as const;

export type IndexName = (typeof TABLE_INDEXES)[number]['name'];
