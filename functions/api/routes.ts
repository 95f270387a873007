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
  /** What the handler may do with the table and the documents bucket; least privilege per route. */
  table?: 'read' | 'write';
  documents?: 'read' | 'write';
  /** Signs with the signatories' KMS keys. */
  signs?: boolean;
  /** Uses the incoming (uploads) or archive bucket. */
  incoming?: 'read' | 'write';
  archive?: 'read';
  /** Served without a token: the public verification a person outside the government uses. */
  public?: boolean;
}

export const ROUTES: readonly RouteDefinition[] = [
  {
    name: 'CreateAgreement',
    method: 'POST',
    path: '/api/agreements',
    entry: 'functions/api/create-agreement.ts',
    renders: true,
    table: 'write',
    documents: 'write',
  },
  {
    name: 'ListAgreements',
    method: 'GET',
    path: '/api/agreements',
    entry: 'functions/api/list-agreements.ts',
    table: 'read',
  },
  {
    name: 'GetAgreement',
    method: 'GET',
    path: '/api/agreements/{id}',
    entry: 'functions/api/get-agreement.ts',
    table: 'read',
    documents: 'read',
  },
  {
    name: 'ReviseAgreement',
    method: 'POST',
    path: '/api/agreements/{id}/versions',
    entry: 'functions/api/revise-agreement.ts',
    renders: true,
    table: 'write',
    documents: 'write',
  },
  { name: 'Preview', method: 'POST', path: '/api/preview', entry: 'functions/api/preview.ts', renders: true },
  {
    name: 'Act',
    method: 'POST',
    path: '/api/agreements/{id}/actions',
    entry: 'functions/api/act.ts',
    table: 'write',
    documents: 'write',
  },
  {
    name: 'Sign',
    method: 'POST',
    path: '/api/agreements/{id}/sign',
    entry: 'functions/api/sign.ts',
    renders: true,
    table: 'write',
    documents: 'write',
    signs: true,
  },
  {
    name: 'RequestUpload',
    method: 'POST',
    path: '/api/agreements/{id}/uploads',
    entry: 'functions/api/request-upload.ts',
    table: 'write',
    incoming: 'write',
  },
  {
    name: 'GetUpload',
    method: 'GET',
    path: '/api/uploads/{id}',
    entry: 'functions/api/get-upload.ts',
    table: 'read',
  },
  {
    name: 'SearchArchive',
    method: 'GET',
    path: '/api/archive',
    entry: 'functions/api/search-archive.ts',
    table: 'read',
  },
  {
    name: 'GetArchive',
    method: 'GET',
    path: '/api/archive/{id}',
    entry: 'functions/api/get-archive.ts',
    table: 'read',
  },
  {
    name: 'DownloadArchive',
    method: 'POST',
    path: '/api/archive/{id}/download',
    entry: 'functions/api/download-archive.ts',
    table: 'write',
    archive: 'read',
  },
  {
    name: 'Verify',
    method: 'POST',
    path: '/api/verify',
    entry: 'functions/api/verify.ts',
    table: 'read',
    public: true,
  },
  {
    name: 'VerifyArchive',
    method: 'GET',
    path: '/api/verify/{id}',
    entry: 'functions/api/verify-archive.ts',
    table: 'read',
    public: true,
  },
  { name: 'Inbox', method: 'GET', path: '/api/inbox', entry: 'functions/api/inbox.ts', table: 'read' },
  {
    name: 'History',
    method: 'GET',
    path: '/api/agreements/{id}/history',
    entry: 'functions/api/history.ts',
    table: 'read',
  },
  {
    name: 'Diff',
    method: 'GET',
    path: '/api/agreements/{id}/diff',
    entry: 'functions/api/diff.ts',
    table: 'read',
  },
  {
    name: 'GetRoute',
    method: 'GET',
    path: '/api/routes/{documentType}/{category}',
    entry: 'functions/api/routes-admin.ts',
    table: 'read',
  },
  {
    name: 'PutRoute',
    method: 'PUT',
    path: '/api/routes/{documentType}/{category}',
    entry: 'functions/api/routes-admin.ts',
    table: 'write',
  },
];
