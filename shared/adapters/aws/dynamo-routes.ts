import type { Category, DocumentType } from '../../form/agreement-form.js';
import type { StagedWrite } from '../../ports/admin-log.js';
import type { RouteStore } from '../../ports/routes.js';
import type { Route } from '../../workflow/route.js';
import { stage } from './staged.js';
import type { Table } from './table.js';
import { routePk, strip } from './table-items.js';

export class DynamoRouteStore implements RouteStore {
  constructor(private readonly table: Table) {}

  async getRoute(documentType: DocumentType, category: Category): Promise<Route | undefined> {
    const item = await this.table.get({ pk: routePk(documentType, category), sk: 'ROUTE' }, true);
    return item && strip<Route>(item);
  }

  routeWrite(route: Route): StagedWrite {
    const previous = route.version - 1;
    return stage({
      Put: {
        TableName: this.table.name,
        Item: { pk: routePk(route.documentType, route.category), sk: 'ROUTE', ...route },
        ConditionExpression: previous === 0 ? 'attribute_not_exists(pk)' : 'version = :previous',
        ...(previous === 0 ? {} : { ExpressionAttributeValues: { ':previous': previous } }),
      },
    });
  }
}
