import type { Agreement, AgreementVersion } from '../../agreement/agreement.js';
import { IN_PROGRESS_STATUSES } from '../../agreement/status.js';
import type { AgreementFilter, Agreements } from '../../ports/agreements.js';
import type { Page } from '../../ports/page.js';
import type { Table } from './table.js';
import type { IndexName } from './table-design.js';
import { agreementPk, HEAD, idempotencyPk, strip, versionSk } from './table-items.js';

interface ListPlan {
  index: IndexName;
  keyAttribute: string;
  keyValue: string;
  /** Attribute path and value pairs that the filter expression checks. */
  rest: [string, string][];
}

/** The index that narrows a filter most; the other criteria go into a filter expression. */
function plan(filter: AgreementFilter): ListPlan {
  const criteria = [
    {
      index: 'byUnit',
      keyAttribute: 'unitKey',
      prefix: 'UNIT#',
      attribute: 'initiatingUnit.code',
      value: filter.unit,
    },
    {
      index: 'byStatus',
      keyAttribute: 'statusKey',
      prefix: 'STATUS#',
      attribute: 'status',
      value: filter.status,
    },
    {
      index: 'byType',
      keyAttribute: 'typeKey',
      prefix: 'TYPE#',
      attribute: 'documentType',
      value: filter.documentType,
    },
    { index: 'all', keyAttribute: 'allKey', prefix: '', attribute: 'category', value: filter.category },
  ] as const;
  const chosen = criteria.find((c) => c.value !== undefined && c.index !== 'all');
  const rest = criteria
    .filter((c) => c !== chosen && c.value !== undefined)
    .map((c): [string, string] => [c.attribute, c.value as string]);
  if (!chosen) return { index: 'all', keyAttribute: 'allKey', keyValue: 'AGREEMENT', rest };
  return {
    index: chosen.index,
    keyAttribute: chosen.keyAttribute,
    keyValue: `${chosen.prefix}${chosen.value}`,
    rest,
  };
}

export class DynamoAgreements implements Agreements {
  constructor(private readonly table: Table) {}

  async get(id: string): Promise<Agreement | undefined> {
    const item = await this.table.get({ pk: agreementPk(id), sk: HEAD });
    return item && strip<Agreement>(item);
  }

  async getVersion(id: string, version: number): Promise<AgreementVersion | undefined> {
    const item = await this.table.get({ pk: agreementPk(id), sk: versionSk(version) });
    return item && strip<AgreementVersion>(item);
  }

  async listVersions(id: string): Promise<AgreementVersion[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': agreementPk(id), ':prefix': 'VERSION#' },
    });
    return items.map((i) => strip<AgreementVersion>(i));
  }

  async findByIdempotencyKey(key: string): Promise<string | undefined> {
    const item = await this.table.get({ pk: idempotencyPk(key), sk: 'IDEMPOTENCY' }, true);
    return item?.agreementId as string | undefined;
  }

  list(filter: AgreementFilter, limit: number, cursor?: string): Promise<Page<Agreement>> {
    const { index, keyAttribute, keyValue, rest } = plan(filter);
    const names: Record<string, string> = { '#k': keyAttribute };
    const values: Record<string, unknown> = { ':k': keyValue };
    const filters = rest.map(([attribute, v], i) => {
      const path = attribute.split('.').map((part, j) => {
        names[`#f${i}_${j}`] = part;
        return `#f${i}_${j}`;
      });
      values[`:f${i}`] = v;
      return `${path.join('.')} = :f${i}`;
    });
    return this.table.page(
      {
        KeyConditionExpression: '#k = :k',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      },
      { index, partition: keyValue },
      limit,
      cursor,
      strip<Agreement>,
    );
  }

  async inProgress(unit: string, limit: number): Promise<Agreement[]> {
    // Every agreement of the unit is read (the unit's index partition): the few in progress may sit
    // behind thousands archived, and deactivating a unit is rare.
    const items = await this.table.queryAll({
      IndexName: 'byUnit',
      KeyConditionExpression: 'unitKey = :unit',
      FilterExpression: `#status IN (${IN_PROGRESS_STATUSES.map((_, i) => `:s${i}`).join(', ')})`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':unit': `UNIT#${unit}`,
        ...Object.fromEntries(IN_PROGRESS_STATUSES.map((s, i) => [`:s${i}`, s])),
      },
      ScanIndexForward: false,
    });
    return items.slice(0, limit).map((i) => strip<Agreement>(i));
  }
}
