import type { Dimension } from '../../evaluation/counters.js';
import type { ListPlan } from '../../evaluation/lists.js';
import type { ArchiveSummary } from '../../ports/archive.js';
import type { EvaluationReadModel } from '../../ports/evaluation.js';
import type { Page } from '../../ports/page.js';
import type { Table } from './table.js';
import { agreementPk, COUNTERS, listSk, strip } from './table-items.js';

export class DynamoEvaluationReadModel implements EvaluationReadModel {
  constructor(private readonly table: Table) {}

  async counters() {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': COUNTERS },
    });
    return items.map(({ pk: _, sk, ...counters }) => ({
      dimension: (sk as string).split('#')[0] as Dimension,
      counters: counters as Record<string, number>,
    }));
  }

  /** One list: a date range of one partition of the `evaluation` index, OPDs' own unit as a filter. */
  list(
    plan: ListPlan,
    unit: string | undefined,
    limit: number,
    cursor?: string,
  ): Promise<Page<ArchiveSummary>> {
    const names: Record<string, string> = { '#k': 'evalKey', '#s': 'evalSort' };
    const values: Record<string, unknown> = { ':k': plan.partition };
    let range = '';
    if (plan.from && plan.to) range = ' AND #s BETWEEN :from AND :to';
    else if (plan.to) range = ' AND #s <= :to';
    else if (plan.from) range = ' AND #s >= :from';
    if (plan.from) values[':from'] = plan.from;
    // "~" sorts after every id, so the whole last day is included.
    if (plan.to) values[':to'] = `${plan.to}~`;
    if (unit) {
      names['#u'] = 'unitCode';
      values[':u'] = unit;
    }
    if (!range) delete names['#s'];
    return this.table.page(
      {
        KeyConditionExpression: `#k = :k${range}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: plan.ascending,
        ...(unit ? { FilterExpression: '#u = :u' } : {}),
      },
      { index: 'evaluation', partition: plan.partition },
      limit,
      cursor,
      strip<ArchiveSummary>,
    );
  }

  async isOpen(agreementId: string): Promise<boolean> {
    return Boolean(await this.table.get({ pk: agreementPk(agreementId), sk: listSk('OPEN') }, true));
  }
}
