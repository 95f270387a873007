import type { ArchiveRecord, CopyKind } from '../../archive/archive-record.js';
import type { ArchivePlan } from '../../archive/search.js';
import type { Archive, ArchiveSummary } from '../../ports/archive.js';
import type { Page } from '../../ports/page.js';
import type { Table } from './table.js';
import { ARCHIVE, agreementPk, hashPk, strip } from './table-items.js';

export class DynamoArchive implements Archive {
  constructor(private readonly table: Table) {}

  async getArchive(agreementId: string): Promise<ArchiveRecord | undefined> {
    const item = await this.table.get({ pk: agreementPk(agreementId), sk: ARCHIVE });
    return item && strip<ArchiveRecord>(item);
  }

  async findArchiveByHash(sha256: string): Promise<{ agreementId: string; copy: CopyKind } | undefined> {
    const item = await this.table.get({ pk: hashPk(sha256), sk: ARCHIVE });
    // Files archived before the archive sealed its copies were kept as uploaded: the archived copy.
    return item && { agreementId: item.agreementId as string, copy: (item.copy as CopyKind) ?? 'archived' };
  }

  /** One facet partition of the `archive` index, signing dates as a key range, the rest as filters. */
  searchArchive(plan: ArchivePlan): Promise<Page<ArchiveSummary>> {
    const names: Record<string, string> = { '#k': 'archiveKey' };
    const values: Record<string, unknown> = { ':k': plan.facet };
    let keyCondition = '#k = :k';
    if (plan.signedFrom || plan.signedTo) {
      values[':from'] = plan.signedFrom ?? '0000';
      // "~" sorts after every id, so the whole last day is included.
      values[':to'] = `${plan.signedTo ?? '9999'}~`;
      names['#s'] = 'archiveSort';
      keyCondition += ' AND #s BETWEEN :from AND :to';
    }
    const filters: string[] = [];
    plan.equals.forEach(([attribute, value], i) => {
      names[`#e${i}`] = attribute;
      values[`:e${i}`] = value;
      filters.push(`#e${i} = :e${i}`);
    });
    plan.contains.forEach(([attribute, value], i) => {
      names[`#c${i}`] = attribute;
      values[`:c${i}`] = value;
      filters.push(`contains(#c${i}, :c${i})`);
    });
    if (plan.validUntilFrom || plan.validUntilTo) {
      names['#vu'] = 'validUntil';
      values[':vuf'] = plan.validUntilFrom ?? '0000';
      values[':vut'] = plan.validUntilTo ?? '9999';
      filters.push('#vu BETWEEN :vuf AND :vut');
    }
    if (plan.status) {
      const { value, today } = plan.status;
      values[':today'] = today;
      if (value !== 'expired') names['#vf'] = 'validFrom';
      if (value !== 'signed') names['#vu'] = 'validUntil';
      filters.push(
        {
          signed: '#vf > :today',
          active: '#vf <= :today AND (attribute_not_exists(#vu) OR #vu >= :today)',
          expired: '#vu < :today',
        }[value],
      );
    }
    return this.table.page(
      {
        KeyConditionExpression: keyCondition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: plan.ascending,
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      },
      { index: 'archive', partition: plan.facet },
      plan.limit,
      plan.cursor,
      (item) => {
        const { nameTokens: _, ...summary } = strip<ArchiveSummary & { nameTokens?: string[] }>(item);
        return summary;
      },
    );
  }
}
