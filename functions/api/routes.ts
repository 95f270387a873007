/**
 * Every HTTP route and the handler module that serves it. The CDK stack makes one Lambda per entry;
 * the embedded stack dispatches to the same modules. `name` is the Lambda's logical name.
 */
export interface RouteDefinition {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway route syntax: `{id}` is a path parameter. */
  path: string;
  /** Path of the handler module from the repository root; it exports `handler`. */
  entry: string;
  /** Renders documents: needs the fonts beside its bundle and more memory. */
  renders?: boolean;
}

export const ROUTES: readonly RouteDefinition[] = [
  {
    name: 'CreateAgreement',
    method: 'POST',
    path: '/api/agreements',
    entry: 'functions/api/create-agreement.ts',
    renders: true,
  },
  {
    name: 'ListAgreements',
    method: 'GET',
    path: '/api/agreements',
    entry: 'functions/api/list-agreements.ts',
  },
  {
    name: 'GetAgreement',
    method: 'GET',
    path: '/api/agreements/{id}',
    entry: 'functions/api/get-agreement.ts',
  },
  {
    name: 'ReviseAgreement',
    method: 'POST',
    path: '/api/agreements/{id}/versions',
    entry: 'functions/api/revise-agreement.ts',
    renders: true,
  },
  { name: 'Preview', method: 'POST', path: '/api/preview', entry: 'functions/api/preview.ts', renders: true },
];
