/**
 * Every HTTP route and the handler module that serves it. The CDK stack makes one Lambda per entry;
 * the embedded stack dispatches to the same modules. `name` is the Lambda's logical name.
 */
export interface RouteDefinition {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
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
  /**
   * The region's files in the documents bucket (`region/`: the emblem): `read` for links and for
   * printing it, `upload` to sign its upload form, `write` to accept an upload (it reads, copies and
   * tells a missing upload from a forbidden one).
   */
  region?: 'read' | 'upload' | 'write';
  /** Draws SVG as PNG: resvg's WebAssembly module goes beside its bundle. */
  rasterizes?: boolean;
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
  /** Keeps the verification reports of uploaded files (`VERIFICATION#` items, written once). */
  verificationReports?: 'write';
  /** More paths (same method) the same function serves. */
  alsoServes?: readonly string[];
  /**
   * Keeps the sign-in accounts (Cognito's admin API on the user pool): `invite` creates them,
   * `manage` changes their group, unit and whether they may sign in, `import` does both.
   */
  accounts?: 'invite' | 'manage' | 'import';
}

export const ROUTES: readonly RouteDefinition[] = [
  { name: 'Me', method: 'GET', path: '/api/me', entry: 'functions/api/me.ts' },
  {
    name: 'ListUsers',
    method: 'GET',
    path: '/api/admin/users',
    entry: 'functions/api/list-users.ts',
    table: 'read',
  },
  {
    name: 'CreateUser',
    method: 'POST',
    path: '/api/admin/users',
    entry: 'functions/api/create-user.ts',
    table: 'write',
    accounts: 'invite',
  },
  {
    name: 'UpdateUser',
    method: 'PATCH',
    path: '/api/admin/users/{id}',
    entry: 'functions/api/update-user.ts',
    table: 'write',
    accounts: 'manage',
  },
  {
    name: 'Import',
    method: 'POST',
    path: '/api/admin/imports',
    entry: 'functions/api/import.ts',
    table: 'write',
    // The result workbook, and its download link.
    documents: 'write',
    prefixes: ['imports/'],
    accounts: 'import',
    // Reading and writing workbooks (exceljs), and inviting a few hundred users within API Gateway's 30 s.
    memory: 1024,
    timeoutSeconds: 29,
  },
  {
    name: 'AdminLog',
    method: 'GET',
    path: '/api/admin/log',
    entry: 'functions/api/admin-log.ts',
    table: 'read',
  },
  {
    name: 'GetRegisterFormats',
    method: 'GET',
    path: '/api/admin/register-formats',
    entry: 'functions/api/register-formats.ts',
    table: 'read',
  },
  {
    name: 'PutRegisterFormat',
    method: 'PUT',
    path: '/api/admin/register-formats/{documentType}',
    entry: 'functions/api/register-formats.ts',
    table: 'write',
  },
  {
    name: 'ListDelegations',
    method: 'GET',
    path: '/api/admin/delegations',
    entry: 'functions/api/delegations.ts',
    table: 'read',
  },
  {
    name: 'CreateDelegation',
    method: 'POST',
    path: '/api/admin/delegations',
    entry: 'functions/api/delegations.ts',
    table: 'write',
  },
  {
    name: 'EndDelegation',
    method: 'POST',
    path: '/api/admin/delegations/{id}/end',
    entry: 'functions/api/end-delegation.ts',
    table: 'write',
  },
  {
    name: 'Register',
    method: 'GET',
    path: '/api/register',
    entry: 'functions/api/register.ts',
    table: 'read',
  },
  {
    name: 'VoidRegisterEntry',
    method: 'POST',
    path: '/api/register/{year}/{sequence}/void',
    entry: 'functions/api/void-register-entry.ts',
    table: 'write',
  },
  {
    name: 'GetRegion',
    method: 'GET',
    path: '/api/region',
    entry: 'functions/api/region.ts',
    table: 'read',
    region: 'read',
  },
  {
    name: 'PutRegion',
    method: 'PUT',
    path: '/api/region',
    entry: 'functions/api/region.ts',
    table: 'write',
    region: 'read',
  },
  {
    name: 'RequestEmblemUpload',
    method: 'POST',
    path: '/api/region/emblem',
    entry: 'functions/api/region-emblem.ts',
    region: 'upload',
  },
  {
    name: 'AcceptEmblem',
    method: 'PUT',
    path: '/api/region/emblem',
    entry: 'functions/api/region-emblem.ts',
    table: 'write',
    region: 'write',
    // Drawing an SVG (resvg, with the fonts for its text) takes about a second of one vCPU cold.
    renders: true,
    rasterizes: true,
  },
  {
    name: 'ListUnits',
    method: 'GET',
    path: '/api/admin/units',
    entry: 'functions/api/units.ts',
    table: 'read',
  },
  {
    name: 'CreateUnit',
    method: 'POST',
    path: '/api/admin/units',
    entry: 'functions/api/units.ts',
    table: 'write',
  },
  {
    name: 'UpdateUnit',
    method: 'PATCH',
    path: '/api/admin/units/{code}',
    entry: 'functions/api/units.ts',
    table: 'write',
  },
  {
    // Unit names for everyone signed in: the form's initiating unit, the archive's and dashboard's OPD filters.
    name: 'UnitNames',
    method: 'GET',
    path: '/api/units',
    entry: 'functions/api/units.ts',
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
    region: 'read',
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
    region: 'read',
  },
  {
    name: 'Preview',
    method: 'POST',
    path: '/api/preview',
    entry: 'functions/api/preview.ts',
    renders: true,
    // The template version in force; the region's profile and units complete the form, as for a
    // stored version.
    table: 'read',
    region: 'read',
  },
  {
    name: 'Act',
    method: 'POST',
    path: '/api/agreements/{id}/actions',
    entry: 'functions/api/act.ts',
    // The Biro head's approval may assign the register number: the version is rendered again with
    // it, and with the region's emblem it printed.
    renders: true,
    table: 'write',
    deletes: true,
    documents: 'write',
    region: 'read',
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
    // A number assigned at the first signature renders the version again, with its region emblem.
    region: 'read',
    signs: true,
    // Up to three timestamp authorities at 5 s each before the signature (API Gateway waits 30 s).
    timeoutSeconds: 29,
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
    verificationReports: 'write',
    public: true,
  },
  {
    name: 'VerifyArchive',
    method: 'GET',
    path: '/api/verify/{id}',
    alsoServes: ['/api/verify/{id}/report.pdf'],
    entry: 'functions/api/verify-archive.ts',
    table: 'read',
    archive: 'read',
    // The PDF report is set in the documents' font.
    renders: true,
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
    name: 'RequestBatch',
    method: 'POST',
    path: '/api/batches',
    entry: 'functions/api/batches.ts',
    table: 'write',
    incoming: 'write',
    incomingPrefixes: ['batches/'],
  },
  {
    name: 'GetBatch',
    method: 'GET',
    path: '/api/batches/{id}',
    entry: 'functions/api/batches.ts',
    table: 'read',
    // The result workbook's link.
    documents: 'read',
    prefixes: ['batches/'],
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
