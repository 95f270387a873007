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
  /** Its transactions remove items: inbox entries of closed steps, entries of evaluation lists. */
  deletes?: boolean;
  /** `upload`: only signs browser uploads (presigned POSTs) under its prefixes, never reads. */
  documents?: 'read' | 'write' | 'upload';
  /** Key prefixes of the documents bucket it uses; `agreements/` when unset. */
  prefixes?: readonly string[];
  /** Heavier than a request: memory (hence CPU share) and timeout of its own. */
  memory?: number;
  timeoutSeconds?: number;
  /** Signs with the signatories' KMS keys. */
  signs?: boolean;
  /** Uses the incoming (uploads) or archive bucket. */
  incoming?: 'read' | 'write';
  /** Key prefixes of the incoming bucket it uses; `incoming/` when unset. */
  incomingPrefixes?: readonly string[];
  archive?: 'read';
  /** Reads the audit chain's anchors (`anchors/` in the archive bucket). */
  anchors?: 'read';
  /** Served without a token: the public verification a person outside the government uses. */
  public?: boolean;
}

export const ROUTES: readonly RouteDefinition[] = [
  {
    name: 'AdminLog',
    method: 'GET',
    path: '/api/admin/log',
    entry: 'functions/api/admin-log.ts',
    table: 'read',
  },
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
  {
    name: 'Preview',
    method: 'POST',
    path: '/api/preview',
    entry: 'functions/api/preview.ts',
    renders: true,
    // The template version in force.
    table: 'read',
  },
  {
    name: 'Act',
    method: 'POST',
    path: '/api/agreements/{id}/actions',
    entry: 'functions/api/act.ts',
    table: 'write',
    deletes: true,
    documents: 'write',
  },
  {
    name: 'Sign',
    method: 'POST',
    path: '/api/agreements/{id}/sign',
    entry: 'functions/api/sign.ts',
    renders: true,
    table: 'write',
    deletes: true,
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
    anchors: 'read',
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
  {
    name: 'ListTemplates',
    method: 'GET',
    path: '/api/templates',
    entry: 'functions/api/list-templates.ts',
    table: 'read',
  },
  {
    name: 'TemplateSchema',
    method: 'GET',
    path: '/api/templates/schema',
    entry: 'functions/api/template-schema.ts',
  },
  {
    name: 'RequestTemplateUpload',
    method: 'POST',
    path: '/api/templates/uploads',
    entry: 'functions/api/request-template-upload.ts',
    table: 'write',
    incoming: 'write',
    incomingPrefixes: ['templates/'],
  },
  {
    name: 'GetTemplateCandidate',
    method: 'GET',
    path: '/api/templates/candidates/{id}',
    entry: 'functions/api/template-candidate.ts',
    table: 'read',
    documents: 'read',
    prefixes: ['templates/'],
  },
  {
    name: 'ActivateTemplate',
    method: 'POST',
    path: '/api/templates/candidates/{id}/activate',
    entry: 'functions/api/activate-template.ts',
    table: 'write',
  },
  {
    name: 'EvaluationSummary',
    method: 'GET',
    path: '/api/evaluation/summary',
    entry: 'functions/api/evaluation-summary.ts',
    table: 'read',
  },
  {
    name: 'EvaluationList',
    method: 'GET',
    path: '/api/evaluation/lists/{name}',
    entry: 'functions/api/evaluation-list.ts',
    table: 'read',
  },
  {
    name: 'ReportActivity',
    method: 'POST',
    path: '/api/agreements/{id}/activities',
    entry: 'functions/api/report-activity.ts',
    table: 'write',
    documents: 'upload',
    prefixes: ['activities/'],
  },
  {
    name: 'ListActivities',
    method: 'GET',
    path: '/api/agreements/{id}/activities',
    entry: 'functions/api/list-activities.ts',
    table: 'read',
    documents: 'read',
    prefixes: ['activities/'],
  },
  {
    name: 'ReviewActivity',
    method: 'POST',
    path: '/api/agreements/{id}/activities/{reportId}/review',
    entry: 'functions/api/review-activity.ts',
    table: 'write',
  },
  {
    name: 'Terminate',
    method: 'POST',
    path: '/api/agreements/{id}/terminate',
    entry: 'functions/api/terminate.ts',
    table: 'write',
    deletes: true,
  },
  {
    name: 'CreateReport',
    method: 'POST',
    path: '/api/reports',
    entry: 'functions/api/create-report.ts',
    renders: true,
    table: 'write',
    documents: 'write',
    prefixes: ['reports/'],
    // A year of 100,000 agreements takes about 15 s of one full vCPU (npm run bench).
    memory: 2048,
    timeoutSeconds: 29,
  },
  {
    name: 'ListReports',
    method: 'GET',
    path: '/api/reports',
    entry: 'functions/api/list-reports.ts',
    table: 'read',
    documents: 'read',
    prefixes: ['reports/'],
  },
];
