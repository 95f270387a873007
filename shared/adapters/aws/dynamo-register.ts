import type { DocumentType } from '../../form/agreement-form.js';
import type { Page } from '../../ports/page.js';
import type { RegisterStore } from '../../ports/register.js';
import type { RegisterEntry } from '../../register/entry.js';
import type { StoredFormat } from '../../register/format.js';
import { stage } from './staged.js';
import type { Table } from './table.js';
import { agreementPk, registerEntryKey, registerPk, strip } from './table-items.js';

const numberingKey = (agreementId: string) => ({ pk: agreementPk(agreementId), sk: 'NUMBERING' });

const formatKey = (regionId: string, documentType: DocumentType) => ({
  pk: registerPk(regionId),
  sk: `FORMAT#${documentType}`,
});

const entries = (regionId: string, year: number) => ({
  KeyConditionExpression: 'pk = :pk AND begins_with(sk, :seq)',
  ExpressionAttributeValues: { ':pk': registerEntryKey(regionId, year, 0).pk, ':seq': 'SEQ#' },
});

/** The register book in the single table (README, "Storage"). */
export class DynamoRegisterStore implements RegisterStore {
  constructor(private readonly table: Table) {}

  async formats(regionId: string): Promise<StoredFormat[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :f)',
      ExpressionAttributeValues: { ':pk': registerPk(regionId), ':f': 'FORMAT#' },
      ConsistentRead: true,
    });
    return items.map((i) => strip<StoredFormat>(i));
  }

  async format(regionId: string, documentType: DocumentType): Promise<StoredFormat | undefined> {
    const item = await this.table.get(formatKey(regionId, documentType), true);
    return item && strip<StoredFormat>(item);
  }

  formatWrite(regionId: string, format: StoredFormat) {
    return stage(this.table.put({ ...formatKey(regionId, format.documentType), ...format }));
  }

  /** `AGR#<id>` / `NUMBERING`: one item per agreement, taken over once its position moved or it went stale. */
  claim(agreementId: string, seq: number, owner: string, at: string, staleBefore: string): Promise<boolean> {
    return this.table.write({
      Put: {
        TableName: this.table.name,
        Item: { ...numberingKey(agreementId), seq, owner, at },
        ConditionExpression: 'attribute_not_exists(pk) OR seq <> :seq OR #at < :stale',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':seq': seq, ':stale': staleBefore },
      },
    });
  }

  async release(agreementId: string, owner: string): Promise<void> {
    await this.table.write({
      Delete: {
        TableName: this.table.name,
        Key: numberingKey(agreementId),
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':owner': owner },
      },
    });
  }

  reserve(regionId: string, year: number): Promise<number> {
    return this.table.increment({ pk: registerPk(regionId), sk: `COUNTER#${year}` }, 'last');
  }

  async recordVoided(entry: RegisterEntry): Promise<void> {
    await this.table.write(
      this.table.putNew({ ...registerEntryKey(entry.regionId, entry.year, entry.sequence), ...entry }),
    );
  }

  async entry(regionId: string, year: number, sequence: number): Promise<RegisterEntry | undefined> {
    const item = await this.table.get(registerEntryKey(regionId, year, sequence), true);
    return item && strip<RegisterEntry>(item);
  }

  page(regionId: string, year: number, limit: number, cursor?: string): Promise<Page<RegisterEntry>> {
    return this.table.page(
      entries(regionId, year),
      { partition: registerEntryKey(regionId, year, 0).pk, sortKey: /^SEQ#\d{6}$/ },
      limit,
      cursor,
      (item) => strip<RegisterEntry>(item),
    );
  }

  entries(regionId: string, year: number, page: (entries: RegisterEntry[]) => void): Promise<void> {
    return this.table.queryPages(entries(regionId, year), (items) =>
      page(items.map((i) => strip<RegisterEntry>(i))),
    );
  }
}
