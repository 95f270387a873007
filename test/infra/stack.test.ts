import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/routes.js';
import { EVENT_HANDLERS } from '../../functions/events/handlers.js';
import { LAMBDA_NODE_MAJOR } from '../../infra/bundling.js';
import { TABLE_INDEXES } from '../../shared/adapters/aws/table-design.js';
import { ROLES } from '../../shared/identity/identity.js';
import {
  CDK_CONTEXT,
  grantsOf,
  logicalIdOf,
  type Resource,
  render,
  resourceOf,
  type Synthesised,
  synthesise,
} from './support.js';

const FUNCTIONS = [...ROUTES, ...EVENT_HANDLERS].map((fn) => fn.name);
const REGION = 'ap-southeast-3';

let dev: Synthesised;
let prod: Synthesised;
/** Prod on its own domain, behind a WAF web ACL. */
let prodOnDomain: Synthesised;

beforeAll(() => {
  dev = synthesise({ stage: 'dev' });
  prod = synthesise({ stage: 'prod' });
  prodOnDomain = synthesise({
    stage: 'prod',
    domainName: 'kerjasama.example.go.id',
    certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
    webAclArn: 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/kerjasama/0f1e2d3c-4b5a-6978',
  });
}, 60_000);

const bucketOf = (template: Template, id: string) => resourceOf(template, 'AWS::S3::Bucket', `Data${id}`)[1];
const functionOf = (template: Template, name: string) =>
  resourceOf(template, 'AWS::Lambda::Function', name)[1];

describe('the table', () => {
  it('has its keys, every index, TTL, a stream, on-demand billing, encryption and point-in-time recovery', () => {
    prod.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      GlobalSecondaryIndexes: TABLE_INDEXES.map((index) =>
        Match.objectLike({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        }),
      ),
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    });
  });

  it('is protected from deletion and retained in prod, disposable in dev', () => {
    prod.template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    dev.template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
    dev.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: false,
        }),
      ],
    });
  });
});

describe('the buckets', () => {
  const all = (t: Template) => Object.entries(t.findResources('AWS::S3::Bucket')) as [string, Resource][];

  it('are all private, without ACLs but for CloudFront log delivery, and refuse plain HTTP', () => {
    for (const { template } of [dev, prod]) {
      const buckets = all(template);
      expect(buckets.length).toBe(5);
      for (const [id, bucket] of buckets) {
        expect(bucket.Properties.OwnershipControls, id).toEqual({
          Rules: [
            {
              ObjectOwnership: logicalIdOf('DataAccessLogs').test(id)
                ? 'BucketOwnerPreferred'
                : 'BucketOwnerEnforced',
            },
          ],
        });
        expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
        const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')) as Resource[];
        const policy = policies.find((p) => (p.Properties.Bucket as { Ref: string }).Ref === id);
        if (!policy) throw new Error(`${id} has no bucket policy`);
        expect(
          (policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement,
          `${id} denies plain HTTP`,
        ).toContainEqual(
          expect.objectContaining({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        );
      }
    }
  });

  it('are encrypted with a rotating customer-managed key and bucket keys, but the access-log bucket', () => {
    for (const [id, bucket] of all(prod.template)) {
      const rule = (bucket.Properties.BucketEncryption as { ServerSideEncryptionConfiguration: object[] })
        .ServerSideEncryptionConfiguration[0];
      if (logicalIdOf('DataAccessLogs').test(id)) {
        // S3 delivers server access logs only to SSE-S3 buckets.
        expect(rule).toEqual({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } });
        continue;
      }
      expect(rule, id).toMatchObject({
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: expect.anything() },
      });
      const keyId = render(
        (rule as { ServerSideEncryptionByDefault: { KMSMasterKeyID: unknown } }).ServerSideEncryptionByDefault
          .KMSMasterKeyID,
      );
      expect(keyId, id).toMatch(/^(DataKey|HostingWebKey)\.Arn$/);
    }
    for (const key of Object.values(prod.template.findResources('AWS::KMS::Key')) as Resource[]) {
      expect(key.Properties.EnableKeyRotation).toBe(true);
    }
  });

  it('log their access to the log bucket', () => {
    for (const [id, bucket] of all(prod.template)) {
      if (logicalIdOf('DataAccessLogs').test(id)) continue;
      expect(render(bucket.Properties.LoggingConfiguration), id).toMatchObject({
        DestinationBucketName: '{DataAccessLogs}',
      });
    }
  });

  it('keep the archive versioned and write-once: compliance lock for 30 years in prod, governance for a day in dev', () => {
    expect(bucketOf(prod.template, 'Archive').Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 10958 } },
      },
    });
    expect(bucketOf(dev.template, 'Archive').Properties).toMatchObject({
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } } },
    });
    expect(resourceOf(prod.template, 'AWS::S3::Bucket', 'DataArchive')[1]).toMatchObject({
      DeletionPolicy: 'Retain',
    });
  });

  it('expire quarantined and ingested uploads, move old drafts to infrequent access, and clean up', () => {
    const rules = (id: string) =>
      (bucketOf(prod.template, id).Properties.LifecycleConfiguration as { Rules: unknown[] }).Rules;
    const cleanup = {
      Id: 'cleanup',
      Status: 'Enabled',
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      NoncurrentVersionExpiration: { NoncurrentDays: 30 },
    };
    expect(rules('Incoming')).toEqual([
      cleanup,
      { Id: 'incoming', Prefix: 'incoming/', ExpirationInDays: 30, Status: 'Enabled' },
      { Id: 'quarantine', Prefix: 'quarantine/', ExpirationInDays: 365, Status: 'Enabled' },
    ]);
    expect(rules('Documents')).toEqual([
      cleanup,
      {
        Id: 'drafts',
        Prefix: 'agreements/',
        Status: 'Enabled',
        Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 90 }],
      },
    ]);
    expect(rules('Archive')).toEqual([
      { Id: 'cleanup', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
    ]);
    const dev30 = (
      bucketOf(dev.template, 'Incoming').Properties.LifecycleConfiguration as { Rules: unknown[] }
    ).Rules;
    expect(dev30).toContainEqual({
      Id: 'quarantine',
      Prefix: 'quarantine/',
      ExpirationInDays: 30,
      Status: 'Enabled',
    });
  });

  it('let only the web app origin POST upload forms (signed copies, activity attachments) from a browser', () => {
    for (const bucket of ['Incoming', 'Documents']) {
      expect(render(bucketOf(dev.template, bucket).Properties.CorsConfiguration)).toEqual({
        CorsRules: [
          {
            AllowedMethods: ['POST'],
            AllowedOrigins: ['https://HostingDistribution.DomainName'],
            MaxAge: 3000,
          },
        ],
      });
    }
    expect(bucketOf(dev.template, 'Archive').Properties.CorsConfiguration).toBeUndefined();
    expect(
      (
        bucketOf(prodOnDomain.template, 'Incoming').Properties.CorsConfiguration as {
          CorsRules: { AllowedOrigins: string[] }[];
        }
      ).CorsRules[0]?.AllowedOrigins,
    ).toEqual(['https://kerjasama.example.go.id']);
  });
});

describe('the functions', () => {
  it('are one per route and event handler, on the newest Node runtime the bundles target, arm64, traced, JSON-logged', () => {
    for (const { template, stage } of [dev, prod]) {
      const ours = Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) =>
        FUNCTIONS.some((name) => logicalIdOf(name).test(id)),
      );
      expect(ours).toHaveLength(FUNCTIONS.length);
      const [, logs] = resourceOf(template, 'AWS::Logs::LogGroup', 'FunctionLogs');
      expect(logs.Properties.RetentionInDays).toBe(stage.logRetentionDays);
      expect(logs.DeletionPolicy).toBe(stage.retainData ? 'Retain' : 'Delete');
      for (const name of FUNCTIONS) {
        const fn = functionOf(template, name);
        expect(fn.Properties, name).toMatchObject({
          Runtime: `nodejs${LAMBDA_NODE_MAJOR}.x`,
          Architectures: ['arm64'],
          Handler: 'index.handler',
          TracingConfig: { Mode: 'Active' },
          LoggingConfig: { LogFormat: 'JSON' },
          Environment: {
            Variables: expect.objectContaining({
              NODE_OPTIONS: '--enable-source-maps',
              POWERTOOLS_SERVICE_NAME: 'kerjasama',
              POWERTOOLS_METRICS_NAMESPACE: 'KerjaSama',
            }),
          },
        });
        expect(render((fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup)).toBe(
          '{FunctionLogs}',
        );
      }
    }
  });

  it('are sized from the benchmarks: renderers 1 GB, reports 2 GB, requests 512 MB', () => {
    const sizes = Object.fromEntries(
      FUNCTIONS.map((name) => {
        const { MemorySize, Timeout } = functionOf(prod.template, name).Properties as Record<string, number>;
        return [name, `${MemorySize} MB ${Timeout} s`];
      }),
    );
    for (const route of ROUTES) {
      const expected =
        route.name === 'CreateReport'
          ? '2048 MB 29 s'
          : route.name === 'Import' || route.name === 'Sign'
            ? '1024 MB 29 s'
            : route.renders
              ? '1024 MB 15 s'
              : '512 MB 10 s';
      expect(sizes[route.name], route.name).toBe(expected);
    }
    expect(sizes).toMatchObject({
      Notify: '256 MB 30 s',
      IngestUpload: '2048 MB 60 s',
      IngestFailed: '256 MB 20 s',
      ValidateTemplate: '1024 MB 60 s',
      TemplateCheckFailed: '256 MB 20 s',
      DraftBatch: '2048 MB 900 s',
      Daily: '2048 MB 300 s',
    });
  });

  it('get exactly the environment they read', () => {
    const env = (name: string) =>
      render((functionOf(prod.template, name).Properties.Environment as { Variables: object }).Variables);
    const common = {
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'kerjasama',
      POWERTOOLS_METRICS_NAMESPACE: 'KerjaSama',
    };
    const tableAndDocuments = { TABLE_NAME: '{DataAgreements}', DOCUMENTS_BUCKET: '{DataDocuments}' };
    // Every route and the daily job know the region they serve (the stage's `regionId`).
    const region = { REGION_ID: 'region' };
    expect(env('ListAgreements')).toEqual({ ...common, ...region, ...tableAndDocuments });
    expect(env('CreateAgreement')).toEqual({
      ...common,
      ...region,
      ...tableAndDocuments,
      FONTS_DIR: '/var/task/fonts',
    });
    expect(env('Sign')).toEqual({
      ...common,
      ...region,
      ...tableAndDocuments,
      FONTS_DIR: '/var/task/fonts',
      PUBLIC_BASE_URL: 'https://HostingDistribution.DomainName',
      // The stage's timestamp authorities, in the order they are asked.
      TSA_URLS: 'http://timestamp.digicert.com,http://timestamp.sectigo.com,http://ts.ssl.com',
    });
    // Accepting an SVG emblem draws it with resvg's WebAssembly and the document fonts.
    expect(env('AcceptEmblem')).toEqual({
      ...common,
      ...region,
      ...tableAndDocuments,
      FONTS_DIR: '/var/task/fonts',
      RESVG_WASM: '/var/task/resvg.wasm',
    });
    expect(env('RequestUpload')).toEqual({
      ...common,
      ...region,
      ...tableAndDocuments,
      INCOMING_BUCKET: '{DataIncoming}',
    });
    expect(env('DownloadArchive')).toEqual({
      ...common,
      ...region,
      ...tableAndDocuments,
      ARCHIVE_BUCKET: '{DataArchive}',
    });
    expect(env('CreateReport')).toEqual({
      ...common,
      ...region,
      ...tableAndDocuments,
      FONTS_DIR: '/var/task/fonts',
    });
    // The archive's seal (B-LTA) asks the stage's timestamp authorities, as signing does.
    expect(env('IngestUpload')).toEqual({
      ...common,
      ...tableAndDocuments,
      ARCHIVE_BUCKET: '{DataArchive}',
      TSA_URLS: 'http://timestamp.digicert.com,http://timestamp.sectigo.com,http://ts.ssl.com',
    });
    expect(env('IngestFailed')).toEqual({ ...common, TABLE_NAME: '{DataAgreements}' });
    expect(env('RequestTemplateUpload')).toEqual({
      ...common,
      ...region,
      ...tableAndDocuments,
      INCOMING_BUCKET: '{DataIncoming}',
    });
    expect(env('ValidateTemplate')).toEqual({
      ...common,
      ...region,
      ...tableAndDocuments,
      FONTS_DIR: '/var/task/fonts',
    });
    expect(env('TemplateCheckFailed')).toEqual({ ...common, ...region, ...tableAndDocuments });
    expect(env('RequestBatch')).toEqual({
      ...common,
      ...region,
      ...tableAndDocuments,
      INCOMING_BUCKET: '{DataIncoming}',
    });
    expect(env('GetBatch')).toEqual({ ...common, ...region, ...tableAndDocuments });
    // The bucket of the workbook comes with its event.
    expect(env('DraftBatch')).toEqual({
      ...common,
      ...region,
      ...tableAndDocuments,
      FONTS_DIR: '/var/task/fonts',
    });
    expect(env('Daily')).toEqual({
      ...common,
      ...region,
      ...tableAndDocuments,
      FONTS_DIR: '/var/task/fonts',
      ARCHIVE_BUCKET: '{DataArchive}',
      // Renewing the archive's seals.
      TSA_URLS: 'http://timestamp.digicert.com,http://timestamp.sectigo.com,http://ts.ssl.com',
    });
    expect(env('History')).toEqual({
      ...common,
      ...region,
      ...tableAndDocuments,
      ARCHIVE_BUCKET: '{DataArchive}',
    });
    expect(env('Notify')).toEqual({
      ...common,
      ...region,
      TABLE_NAME: '{DataAgreements}',
      SENDER_EMAIL: 'no-reply@kerjasama.example.go.id',
    });
    // Only the functions that keep sign-in accounts know the user pool.
    for (const name of ['CreateUser', 'UpdateUser', 'Import']) {
      expect(env(name), name).toEqual({
        ...common,
        ...region,
        ...tableAndDocuments,
        USER_POOL_ID: '{Users}',
      });
    }
    expect(env('ListUsers')).toEqual({ ...common, ...region, ...tableAndDocuments });
    expect(
      (
        functionOf(prodOnDomain.template, 'Sign').Properties.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables.PUBLIC_BASE_URL,
    ).toBe('https://kerjasama.example.go.id');
  });
});

describe('least privilege', () => {
  const BASE = [
    'logs:CreateLogStream FunctionLogs.Arn',
    'logs:PutLogEvents FunctionLogs.Arn',
    'xray:PutTelemetryRecords *',
    'xray:PutTraceSegments *',
  ];
  const TABLE = 'DataAgreements.Arn';
  const TABLE_ACTIONS = {
    read: ['dynamodb:GetItem', 'dynamodb:Query'],
    write: [
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ],
    delete: [
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ],
  };
  const table = (level: keyof typeof TABLE_ACTIONS) => [
    ...TABLE_ACTIONS[level].map((a) => `${a} ${TABLE}`),
    ...TABLE_INDEXES.map((index) => `dynamodb:Query ${TABLE}/index/${index.name}`),
  ];
  /** A signed-in request reads its caller's user item; a function without table access reads nothing else. */
  const callerRead = `dynamodb:GetItem ${TABLE} if ${JSON.stringify({
    'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['USER#*'] },
  })}`;
  const objects = (bucket: string, actions: string[], prefix: string) =>
    actions.map((a) => `s3:${a} Data${bucket}.Arn/${prefix}*`);
  const viaS3 = (action: string, buckets: string[]) =>
    `kms:${action} DataKey.Arn if ${JSON.stringify({
      StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` },
      'ForAnyValue:StringEquals': { 'kms:EncryptionContext:aws:s3:arn': buckets.map((b) => `Data${b}.Arn`) },
    })}`;
  const readDocuments = (prefix: string) => [
    ...objects('Documents', ['GetObject'], prefix),
    viaS3('Decrypt', ['Documents']),
  ];
  const writeDocuments = (prefix: string) => [
    ...objects('Documents', ['DeleteObject', 'GetObject', 'PutObject'], prefix),
    viaS3('Decrypt', ['Documents']),
    viaS3('GenerateDataKey', ['Documents']),
  ];
  /** Listing only under anchors/: finding an agreement's latest anchor, not the archived files. */
  const listAnchors = `s3:ListBucket DataArchive.Arn if ${JSON.stringify({ StringLike: { 's3:prefix': ['anchors/*'] } })}`;
  const deadLetters = (queue: string) =>
    ['GetQueueAttributes', 'GetQueueUrl', 'SendMessage'].map((a) => `sqs:${a} ${queue}DeadLetters.Arn`);

  const EXPECTED: Record<string, string[]> = {
    CreateAgreement: [
      ...table('write'),
      ...writeDocuments('agreements/'),
      ...objects('Documents', ['GetObject'], 'region/'),
    ],
    ListAgreements: table('read'),
    GetAgreement: [...table('read'), ...readDocuments('agreements/')],
    ReviseAgreement: [
      ...table('write'),
      ...writeDocuments('agreements/'),
      ...objects('Documents', ['GetObject'], 'region/'),
    ],
    // The profile and units complete the form; the region's emblem is printed.
    Preview: [...table('read'), ...readDocuments('region/')],
    GetRegion: [...table('read'), ...readDocuments('region/')],
    PutRegion: [...table('write'), ...readDocuments('region/')],
    // It signs the emblem's upload form: PutObject under region/, never a read.
    RequestEmblemUpload: [
      callerRead,
      ...objects('Documents', ['PutObject'], 'region/'),
      viaS3('GenerateDataKey', ['Documents']),
    ],
    // It reads the upload (a missing one is a 404: ListBucket under region/ only) and copies it.
    AcceptEmblem: [
      ...table('write'),
      ...writeDocuments('region/'),
      `s3:ListBucket DataDocuments.Arn if ${JSON.stringify({ StringLike: { 's3:prefix': ['region/*'] } })}`,
    ],
    ListUnits: table('read'),
    CreateUnit: table('write'),
    UpdateUnit: table('write'),
    UnitNames: table('read'),
    Me: [callerRead],
    ListUsers: table('read'),
    CreateUser: [
      ...table('write'),
      ...[
        'AdminAddUserToGroup',
        'AdminCreateUser',
        'AdminDeleteUserAttributes',
        'AdminEnableUser',
        'AdminGetUser',
        'AdminListGroupsForUser',
        'AdminRemoveUserFromGroup',
        'AdminUpdateUserAttributes',
      ].map((a) => `cognito-idp:${a} Users.Arn`),
    ],
    // Invites and changes users; its result workbook under imports/, with the link's GetObject.
    Import: [
      ...table('write'),
      ...writeDocuments('imports/'),
      ...[
        'AdminAddUserToGroup',
        'AdminCreateUser',
        'AdminDeleteUserAttributes',
        'AdminDisableUser',
        'AdminEnableUser',
        'AdminGetUser',
        'AdminListGroupsForUser',
        'AdminRemoveUserFromGroup',
        'AdminUpdateUserAttributes',
        'AdminUserGlobalSignOut',
      ].map((a) => `cognito-idp:${a} Users.Arn`),
    ],
    // Changes groups, the unit and sign-in; never creates or reads an account's attributes.
    UpdateUser: [
      ...table('write'),
      ...[
        'AdminAddUserToGroup',
        'AdminDeleteUserAttributes',
        'AdminDisableUser',
        'AdminEnableUser',
        'AdminListGroupsForUser',
        'AdminRemoveUserFromGroup',
        'AdminUpdateUserAttributes',
        'AdminUserGlobalSignOut',
      ].map((a) => `cognito-idp:${a} Users.Arn`),
    ],
    // A register number assigned here renders the version again, with the region's emblem it printed.
    Act: [
      ...table('delete'),
      ...writeDocuments('agreements/'),
      ...objects('Documents', ['GetObject'], 'region/'),
    ],
    Sign: [
      ...table('delete'),
      ...writeDocuments('agreements/'),
      ...objects('Documents', ['GetObject'], 'region/'),
      `kms:Sign arn:{AWS::Partition}:kms:${REGION}:111111111111:key/* if ${JSON.stringify({
        StringEquals: { 'aws:ResourceTag/kerjasama:purpose': 'signatory', 'kms:MessageType': 'DIGEST' },
      })}`,
    ],
    RequestUpload: [
      ...table('write'),
      ...objects('Incoming', ['PutObject'], 'incoming/'),
      viaS3('GenerateDataKey', ['Incoming']),
    ],
    GetUpload: table('read'),
    AdminLog: table('read'),
    GetRegisterFormats: table('read'),
    PutRegisterFormat: table('write'),
    Register: table('read'),
    ListDelegations: table('read'),
    CreateDelegation: table('write'),
    EndDelegation: table('write'),
    VoidRegisterEntry: table('write'),
    SearchArchive: table('read'),
    GetArchive: table('read'),
    DownloadArchive: [
      ...table('write'),
      ...objects('Archive', ['GetObject'], 'archive/'),
      viaS3('Decrypt', ['Archive']),
    ],
    // Keeps the report of a file it checked, and writes nothing else.
    Verify: [
      ...table('read'),
      `dynamodb:PutItem ${TABLE} if ${JSON.stringify({
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['VERIFICATION#*'] },
      })}`,
    ],
    // Checks the archived copy again each time its QR code is opened.
    VerifyArchive: [
      ...table('read'),
      ...objects('Archive', ['GetObject'], 'archive/'),
      viaS3('Decrypt', ['Archive']),
    ],
    Inbox: table('read'),
    History: [
      ...table('read'),
      ...objects('Archive', ['GetObject'], 'anchors/'),
      listAnchors,
      viaS3('Decrypt', ['Archive']),
    ],
    Diff: table('read'),
    GetRoute: table('read'),
    PutRoute: table('write'),
    ListTemplates: table('read'),
    TemplateSchema: [callerRead],
    // It signs the template's upload form: PutObject under templates/, never a read.
    RequestTemplateUpload: [
      ...table('write'),
      ...objects('Incoming', ['PutObject'], 'templates/'),
      viaS3('GenerateDataKey', ['Incoming']),
    ],
    GetTemplateCandidate: [...table('read'), ...readDocuments('templates/')],
    ActivateTemplate: table('write'),
    // It signs the workbook's upload form: PutObject under batches/, never a read.
    RequestBatch: [
      ...table('write'),
      ...objects('Incoming', ['PutObject'], 'batches/'),
      viaS3('GenerateDataKey', ['Incoming']),
    ],
    // The progress, and the result workbook's link.
    GetBatch: [...table('read'), ...readDocuments('batches/')],
    EvaluationSummary: table('read'),
    EvaluationList: table('read'),
    // It signs the attachments' upload forms: PutObject, never a read or a delete.
    ReportActivity: [
      ...table('write'),
      ...objects('Documents', ['PutObject'], 'activities/'),
      viaS3('GenerateDataKey', ['Documents']),
    ],
    ListActivities: [...table('read'), ...readDocuments('activities/')],
    ReviewActivity: table('write'),
    Terminate: table('delete'),
    CreateReport: [...table('write'), ...writeDocuments('reports/')],
    ListReports: [...table('read'), ...readDocuments('reports/')],
    // The recipients: the enabled users of a role, or of a unit, from the user store's indexes.
    Notify: [
      `dynamodb:Query ${TABLE}/index/byType`,
      `dynamodb:Query ${TABLE}/index/byUnit`,
      ...['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams'].map(
        (a) => `dynamodb:${a} DataAgreements.StreamArn`,
      ),
      ...['kerjasama.example.go.id', 'no-reply@kerjasama.example.go.id'].map(
        (identity) =>
          `ses:SendEmail arn:{AWS::Partition}:ses:${REGION}:111111111111:identity/${identity} if ${JSON.stringify(
            {
              StringEquals: { 'ses:FromAddress': 'no-reply@kerjasama.example.go.id' },
            },
          )}`,
      ),
      ...deadLetters('Notify'),
    ],
    IngestUpload: [
      ...table('delete'),
      ...objects('Incoming', ['GetObject'], 'incoming/'),
      ...objects('Incoming', ['PutObject'], 'quarantine/'),
      ...objects('Archive', ['GetObject', 'PutObject'], 'archive/'),
      's3:ListBucket DataArchive.Arn',
      's3:ListBucket DataIncoming.Arn',
      viaS3('Decrypt', ['Incoming', 'Archive']),
      viaS3('GenerateDataKey', ['Incoming', 'Archive']),
      ...deadLetters('Ingest'),
    ],
    // Marks an upload failed: read it, update it; consumes the ingestion's dead letters.
    IngestFailed: [
      `dynamodb:GetItem ${TABLE}`,
      `dynamodb:UpdateItem ${TABLE}`,
      ...[
        'ChangeMessageVisibility',
        'DeleteMessage',
        'GetQueueAttributes',
        'GetQueueUrl',
        'ReceiveMessage',
      ].map((a) => `sqs:${a} IngestDeadLetters.Arn`),
    ],
    // Reads the uploaded file and the versions, settles its candidate, stores the samples (and
    // removes those of a check that lost to a concurrent one); no Query, no other prefix.
    ValidateTemplate: [
      `dynamodb:GetItem ${TABLE}`,
      `dynamodb:UpdateItem ${TABLE}`,
      ...objects('Incoming', ['GetObject'], 'templates/'),
      ...objects('Documents', ['DeleteObject', 'PutObject'], 'templates/'),
      `s3:ListBucket DataIncoming.Arn if ${JSON.stringify({ StringLike: { 's3:prefix': ['templates/*'] } })}`,
      viaS3('Decrypt', ['Incoming']),
      viaS3('GenerateDataKey', ['Documents']),
      ...deadLetters('TemplateCheck'),
    ],
    // Refuses a pending candidate: one conditional update; consumes the check's dead letters.
    TemplateCheckFailed: [
      `dynamodb:UpdateItem ${TABLE}`,
      ...[
        'ChangeMessageVisibility',
        'DeleteMessage',
        'GetQueueAttributes',
        'GetQueueUrl',
        'ReceiveMessage',
      ].map((a) => `sqs:${a} TemplateCheckDeadLetters.Arn`),
    ],
    // Reads the workbook, drafts as CreateAgreement does (its files, the region's emblem) and records
    // each row; writes the result; sends its failures to its dead-letter queue and empties it.
    DraftBatch: [
      ...table('write'),
      ...objects('Incoming', ['GetObject'], 'batches/'),
      ...objects('Documents', ['DeleteObject', 'PutObject'], 'agreements/'),
      ...objects('Documents', ['DeleteObject', 'PutObject'], 'batches/'),
      ...objects('Documents', ['GetObject'], 'region/'),
      `s3:ListBucket DataIncoming.Arn if ${JSON.stringify({ StringLike: { 's3:prefix': ['batches/*'] } })}`,
      viaS3('Decrypt', ['Incoming', 'Documents']),
      viaS3('GenerateDataKey', ['Documents']),
      // Sending to its queue and reading it share GetQueueAttributes and GetQueueUrl.
      ...deadLetters('Batch'),
      ...['ChangeMessageVisibility', 'DeleteMessage', 'ReceiveMessage'].map(
        (a) => `sqs:${a} BatchDeadLetters.Arn`,
      ),
    ],
    Daily: [
      ...table('delete'),
      ...objects('Documents', ['PutObject'], 'reports/'),
      ...objects('Archive', ['GetObject', 'PutObject'], 'anchors/'),
      listAnchors,
      // A seal due for renewal: the latest copy read, the renewed one written beside it.
      ...objects('Archive', ['GetObject', 'PutObject'], 'archive/'),
      `s3:ListBucket DataArchive.Arn if ${JSON.stringify({ StringLike: { 's3:prefix': ['archive/*'] } })}`,
      viaS3('Decrypt', ['Archive']),
      viaS3('GenerateDataKey', ['Documents', 'Archive']),
      ...deadLetters('Daily'),
    ],
  };

  it('names an expectation for every function', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...FUNCTIONS].sort());
  });

  it.each(FUNCTIONS)('grants %s exactly what it uses, on its own role', (name) => {
    expect(grantsOf(prod.template, name)).toEqual([...BASE, ...(EXPECTED[name] ?? [])].sort());
  });

  it('lets Sign read only the remote signing service’s secret, and adds no resource for it', () => {
    const stages = CDK_CONTEXT.stages as Record<string, Record<string, unknown>>;
    const remote = synthesise({
      stage: 'prod',
      stages: {
        ...stages,
        prod: {
          ...stages.prod,
          remoteSigning: {
            transport: 'bsre',
            url: 'https://esign.example.go.id',
            clientId: 'kerjasama-jateng',
            clientSecretArn:
              'arn:aws:secretsmanager:ap-southeast-3:111111111111:secret:kerjasama/prod/bsre-AbCdEf',
          },
        },
      },
    });
    expect(grantsOf(remote.template, 'Sign')).toEqual(
      [
        ...BASE,
        ...(EXPECTED.Sign ?? []),
        'secretsmanager:GetSecretValue arn:aws:secretsmanager:ap-southeast-3:111111111111:secret:kerjasama/prod/bsre-AbCdEf',
      ].sort(),
    );
    const variables = (name: string) =>
      (functionOf(remote.template, name).Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
    expect(variables('Sign')).toMatchObject({
      SIGNING_TRANSPORT: 'bsre',
      BSRE_URL: 'https://esign.example.go.id',
      BSRE_CLIENT_ID: 'kerjasama-jateng',
      BSRE_CLIENT_SECRET_ARN:
        'arn:aws:secretsmanager:ap-southeast-3:111111111111:secret:kerjasama/prod/bsre-AbCdEf',
    });
    expect(variables('Sign').BSRE_CLIENT_SECRET).toBeUndefined();
    expect(variables('Me')).toMatchObject({ SIGNING_TRANSPORT: 'bsre' });
    expect(Object.keys(remote.template.toJSON().Resources).length).toBe(
      Object.keys(prod.template.toJSON().Resources).length,
    );
  });

  it('gives every function a role of its own, with no managed policy', () => {
    const roles = FUNCTIONS.map((name) => render(functionOf(prod.template, name).Properties.Role));
    expect(new Set(roles).size).toBe(FUNCTIONS.length);
    for (const name of FUNCTIONS) {
      const [, role] = resourceOf(prod.template, 'AWS::IAM::Role', `${name}Role`);
      expect(role.Properties.ManagedPolicyArns, name).toBeUndefined();
    }
  });
});

describe('the API', () => {
  it('has one route per definition, a Cognito JWT on all but public verification', () => {
    const routes = Object.values(prod.template.findResources('AWS::ApiGatewayV2::Route')) as Resource[];
    const keys = (d: (typeof ROUTES)[number]) =>
      [d.path, ...(d.alsoServes ?? [])].map((p) => `${d.method} ${p}`);
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(ROUTES.flatMap(keys).sort());
    for (const r of routes) {
      const route = ROUTES.find((d) => keys(d).includes(String(r.Properties.RouteKey)));
      expect(r.Properties.AuthorizationType, String(r.Properties.RouteKey)).toBe(
        route?.public ? 'NONE' : 'JWT',
      );
    }
    expect(ROUTES.filter((r) => r.public).flatMap((r) => [r.path, ...(r.alsoServes ?? [])])).toEqual([
      '/api/verify',
      '/api/verify/{id}',
      '/api/verify/{id}/report.pdf',
    ]);
    prod.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
  });

  it('throttles per stage and writes JSON access logs', () => {
    for (const { template, stage } of [dev, prod]) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: {
          ThrottlingRateLimit: stage.apiRateLimit,
          ThrottlingBurstLimit: stage.apiBurstLimit,
        },
        AccessLogSettings: {
          DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiAccessLogs'), 'Arn'] },
          Format: Match.stringLikeRegexp('"status":"\\$context.status"'),
        },
      });
    }
  });
});

describe('sign-in', () => {
  it('signs in on the hosted UI back to the web app only, with a group per role, admin-created users, strong passwords; MFA required in prod', () => {
    const groups = Object.values(prod.template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => (g as Resource).Properties.GroupName,
    );
    expect(groups.sort()).toEqual([...ROLES].sort());
    prod.template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolName: 'KerjaSama-Prod-users',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      DeletionProtection: 'ACTIVE',
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
        },
      },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'unit', AttributeDataType: 'String' })]),
    });
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'OPTIONAL' });
    prod.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'kerjasama-prod-111111111111',
    });
    prod.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: [
        'ALLOW_ADMIN_USER_PASSWORD_AUTH',
        'ALLOW_USER_SRP_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    const client = render(
      (Object.values(prod.template.findResources('AWS::Cognito::UserPoolClient'))[0] as Resource).Properties,
    );
    expect(client).toMatchObject({
      CallbackURLs: ['https://HostingDistribution.DomainName/auth/callback'],
      LogoutURLs: ['https://HostingDistribution.DomainName/'],
    });
  });

  it('lets a signed-in user write only their language: not their unit, name or email', () => {
    for (const { template } of [dev, prod]) {
      const client = (Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0] as Resource)
        .Properties;
      expect(client.WriteAttributes).toEqual(['locale']);
      expect((client.ReadAttributes as string[]).sort()).toEqual(
        ['custom:unit', 'email', 'email_verified', 'locale', 'name'].sort(),
      );
      // Cognito lets every client write the pool's required attributes: none may be required.
      const pool = (Object.values(template.findResources('AWS::Cognito::UserPool'))[0] as Resource)
        .Properties;
      const schema = (pool.Schema ?? []) as { Name: string; Required?: boolean; Mutable?: boolean }[];
      expect(schema.filter((a) => a.Required)).toEqual([]);
      // Mutable, so that the administration path (AdminUpdateUserAttributes) can still change them.
      for (const name of ['unit', 'email', 'name']) {
        expect(schema.find((a) => a.Name === name)?.Mutable, name).toBe(true);
      }
    }
  });
});

describe('event delivery', () => {
  it('keeps dead letters encrypted, TLS-only, for 14 days', () => {
    for (const id of ['NotifyDeadLetters', 'IngestDeadLetters', 'BatchDeadLetters', 'DailyDeadLetters']) {
      const [logicalId, q] = resourceOf(prod.template, 'AWS::SQS::Queue', id);
      expect(q.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
      const policy = (Object.values(prod.template.findResources('AWS::SQS::QueuePolicy')) as Resource[]).find(
        (p) => JSON.stringify(p.Properties.Queues).includes(logicalId),
      );
      expect(JSON.stringify(policy?.Properties.PolicyDocument), id).toContain(
        '"aws:SecureTransport":"false"',
      );
    }
  });

  it('ingests uploads from incoming/ asynchronously, retried twice, then into a dead-letter queue', () => {
    prod.template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: Match.arrayWith([
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IngestUpload[0-9A-F]{8}$'), 'Arn'] },
          }),
        ]),
      },
    });
    const configs = Object.values(
      prod.template.findResources('AWS::Lambda::EventInvokeConfig'),
    ) as Resource[];
    const ingest = configs.find((c) => render(c.Properties.FunctionName) === '{IngestUpload}');
    expect(render(ingest?.Properties)).toMatchObject({
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: 'IngestDeadLetters.Arn' } },
    });
  });

  it('checks template files from templates/ asynchronously, retried twice, then refused from a dead-letter queue', () => {
    // The incoming bucket notifies exactly three functions, each for its own prefix.
    const notifications = (
      Object.values(prod.template.findResources('Custom::S3BucketNotifications')) as Resource[]
    ).map((n) => render(n.Properties.NotificationConfiguration));
    expect(notifications).toEqual([
      {
        LambdaFunctionConfigurations: [
          'incoming/:IngestUpload',
          'templates/:ValidateTemplate',
          'batches/:DraftBatch',
        ].map((to) => {
          const [prefix, fn] = to.split(':');
          return {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: prefix }] } },
            LambdaFunctionArn: `${fn}.Arn`,
          };
        }),
      },
    ]);
    const configs = Object.values(
      prod.template.findResources('AWS::Lambda::EventInvokeConfig'),
    ) as Resource[];
    const check = configs.find((c) => render(c.Properties.FunctionName) === '{ValidateTemplate}');
    expect(render(check?.Properties)).toMatchObject({
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: 'TemplateCheckDeadLetters.Arn' } },
    });
    const mappings = Object.values(
      prod.template.findResources('AWS::Lambda::EventSourceMapping'),
    ) as Resource[];
    const failed = mappings.find((m) => render(m.Properties.FunctionName) === '{TemplateCheckFailed}');
    expect(render(failed?.Properties)).toMatchObject({
      EventSourceArn: 'TemplateCheckDeadLetters.Arn',
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('drafts batch workbooks from batches/ asynchronously, retried twice, then marked failed by the same function', () => {
    const configs = Object.values(
      prod.template.findResources('AWS::Lambda::EventInvokeConfig'),
    ) as Resource[];
    const drafts = configs.find((c) => render(c.Properties.FunctionName) === '{DraftBatch}');
    expect(render(drafts?.Properties)).toMatchObject({
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: 'BatchDeadLetters.Arn' } },
    });
    const mappings = Object.values(
      prod.template.findResources('AWS::Lambda::EventSourceMapping'),
    ) as Resource[];
    const failed = mappings.find((m) => render(m.Properties.EventSourceArn) === 'BatchDeadLetters.Arn');
    expect(render(failed?.Properties)).toMatchObject({
      FunctionName: '{DraftBatch}',
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    // Messages stay hidden while the function that reads them may run (15 minutes).
    const [, queue] = resourceOf(prod.template, 'AWS::SQS::Queue', 'BatchDeadLetters');
    expect(queue.Properties.VisibilityTimeout).toBe(900);
  });

  it('marks each upload whose ingestion failed every retry from the dead-letter queue', () => {
    const mappings = Object.values(
      prod.template.findResources('AWS::Lambda::EventSourceMapping'),
    ) as Resource[];
    const failed = mappings.find((m) => render(m.Properties.FunctionName) === '{IngestFailed}');
    expect(render(failed?.Properties)).toMatchObject({
      EventSourceArn: 'IngestDeadLetters.Arn',
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('sends outbox items from the stream, failed batches bisected, retried, then set aside', () => {
    const mappings = Object.values(
      prod.template.findResources('AWS::Lambda::EventSourceMapping'),
    ) as Resource[];
    const mapping = mappings.find((m) => render(m.Properties.FunctionName) === '{Notify}') as Resource;
    expect(render(mapping.Properties)).toMatchObject({
      FunctionName: '{Notify}',
      EventSourceArn: 'DataAgreements.StreamArn',
      StartingPosition: 'LATEST',
      MaximumRetryAttempts: 5,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: 'NotifyDeadLetters.Arn' } },
    });
    expect(JSON.stringify(mapping.Properties.FilterCriteria)).toContain('OUTBOX');
  });

  it('runs the daily job at 01:00 WIB, retried, with a dead-letter queue for delivery and for failures', () => {
    prod.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 18 * * ? *)',
      Targets: [
        Match.objectLike({
          RetryPolicy: { MaximumRetryAttempts: 2 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DailyDeadLetters'), 'Arn'] } },
        }),
      ],
    });
    const configs = Object.values(
      prod.template.findResources('AWS::Lambda::EventInvokeConfig'),
    ) as Resource[];
    const daily = configs.find((c) => render(c.Properties.FunctionName) === '{Daily}');
    expect(render(daily?.Properties)).toMatchObject({
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: 'DailyDeadLetters.Arn' } },
    });
  });
});

describe('alarms', () => {
  const alarms = (template: Template) =>
    Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];

  it('mail the stage alarm address through an encrypted, TLS-only topic', () => {
    for (const { template, stage } of [dev, prod]) {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: stage.alarmEmail,
      });
    }
    prod.template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlarmsTopicKey'), 'Arn'] },
    });
    prod.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    prod.template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });

  it('watch every function for errors, throttles of any, every dead-letter queue, API 5xx and refused audit chains', () => {
    const all = alarms(prod.template).map((a) => render(a.Properties) as Record<string, unknown>);
    for (const a of all) {
      expect(a).toMatchObject({
        AlarmActions: ['{AlarmsTopic}'],
        Threshold: 1,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    }
    const watched = all.map((a) => {
      const dims = ((a.Dimensions ?? []) as { Name: string; Value: string }[]).map((d) => d.Value).join(',');
      return `${a.Namespace} ${a.MetricName} ${dims}`;
    });
    const expected = [
      ...FUNCTIONS.map((name) => `AWS/Lambda Errors {${name}}`),
      'AWS/Lambda Throttles ',
      ...['Notify', 'Ingest', 'TemplateCheck', 'Batch', 'Daily'].map(
        (q) => `AWS/SQS ApproximateNumberOfMessagesVisible ${q}DeadLetters.QueueName`,
      ),
      // IngestFailed, TemplateCheckFailed and DraftBatch empty their queues: each arrival pages.
      'AWS/SQS NumberOfMessagesSent IngestDeadLetters.QueueName',
      'AWS/SQS NumberOfMessagesSent TemplateCheckDeadLetters.QueueName',
      'AWS/SQS NumberOfMessagesSent BatchDeadLetters.QueueName',
      'AWS/ApiGateway 5xx {Api},$default',
      'KerjaSama AuditChainRefused kerjasama',
      'KerjaSama ArchiveRenewalFailed kerjasama',
    ];
    expect(watched.sort()).toEqual(expected.sort());
  });
});

describe('web hosting', () => {
  const distribution = (template: Template) =>
    render(resourceOf(template, 'AWS::CloudFront::Distribution', 'HostingDistribution')[1].Properties) as {
      DistributionConfig: Record<string, unknown>;
    };

  it('serves the site from the private bucket through origin access control', () => {
    const config = distribution(prod.template).DistributionConfig;
    expect(config).toMatchObject({
      Enabled: true,
      DefaultRootObject: 'index.html',
      HttpVersion: 'http2and3',
      PriceClass: 'PriceClass_200',
      Logging: { Bucket: 'DataAccessLogs.RegionalDomainName', Prefix: 'cloudfront/' },
      DefaultCacheBehavior: {
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD'],
        CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
        ResponseHeadersPolicyId: '{HostingSecurityHeaders}',
        Compress: true,
        FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: 'HostingSpaRoutes.FunctionARN' }],
      },
    });
    const origins = config.Origins as Record<string, unknown>[];
    expect(origins).toContainEqual(
      expect.objectContaining({
        DomainName: 'HostingWeb.RegionalDomainName',
        OriginAccessControlId: 'HostingDistributionOrigin1S3OriginAccessControl.Id',
        S3OriginConfig: { OriginAccessIdentity: '' },
      }),
    );
    prod.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    const [webId] = resourceOf(prod.template, 'AWS::S3::Bucket', 'HostingWeb');
    const policy = (Object.values(prod.template.findResources('AWS::S3::BucketPolicy')) as Resource[]).find(
      (p) => (p.Properties.Bucket as { Ref: string }).Ref === webId,
    );
    expect(render(policy?.Properties.PolicyDocument)).toMatchObject({
      Statement: expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: 'HostingWeb.Arn/*',
          Condition: {
            StringEquals: {
              'AWS:SourceArn':
                'arn:{AWS::Partition}:cloudfront::{AWS::AccountId}:distribution/{HostingDistribution}',
            },
          },
        }),
      ]),
    });
  });

  it('puts the API on the same domain under /api/*: every method, nothing cached, Host left to API Gateway', () => {
    const config = distribution(prod.template).DistributionConfig;
    const api = (config.Origins as { Id: string; DomainName: string }[]).find(
      (o) => o.DomainName === `{Api}.execute-api.${REGION}.{AWS::URLSuffix}`,
    );
    expect(api).toMatchObject({
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({
        PathPattern: '/api/*',
        TargetOriginId: api?.Id,
        ViewerProtocolPolicy: 'https-only',
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
        ResponseHeadersPolicyId: '{HostingSecurityHeaders}',
      }),
    ]);
  });

  it('sends security headers with every response', () => {
    const [, policy] = resourceOf(
      prod.template,
      'AWS::CloudFront::ResponseHeadersPolicy',
      'HostingSecurityHeaders',
    );
    const config = (
      policy.Properties.ResponseHeadersPolicyConfig as {
        SecurityHeadersConfig: Record<string, { Override: boolean }>;
      }
    ).SecurityHeadersConfig;
    expect(config).toMatchObject({
      StrictTransportSecurity: {
        AccessControlMaxAgeSec: 730 * 86400,
        IncludeSubdomains: true,
        Preload: true,
      },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY' },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin' },
    });
    for (const header of Object.values(config)) expect(header.Override).toBe(true);
    const csp = render(
      (config.ContentSecurityPolicy as unknown as { ContentSecurityPolicy: unknown }).ContentSecurityPolicy,
    ) as string;
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      `connect-src 'self' https://{UsersSignIn}.auth.${REGION}.amazoncognito.com https://*.s3.${REGION}.amazonaws.com`,
    ]) {
      expect(csp.split('; ')).toContain(directive);
    }
  });

  it('answers app routes with index.html but leaves files alone', async () => {
    const [, fn] = resourceOf(prod.template, 'AWS::CloudFront::Function', 'HostingSpaRoutes');
    expect(fn.Properties.FunctionConfig).toMatchObject({ Runtime: 'cloudfront-js-2.0' });
    const handler = new Function(`${fn.Properties.FunctionCode as string}; return handler;`)() as (e: {
      request: { uri: string };
    }) => { uri: string };
    expect(handler({ request: { uri: '/verify/01JABC' } }).uri).toBe('/index.html');
    expect(handler({ request: { uri: '/' } }).uri).toBe('/index.html');
    expect(handler({ request: { uri: '/assets/app-3f2a1b.js' } }).uri).toBe('/assets/app-3f2a1b.js');
  });

  it('uploads the built app and its sign-in config without Docker: hashed assets cached for good, the rest revalidated after them', () => {
    const deployments = prod.template.findResources('Custom::CDKBucketDeployment');
    const [assetsId, assets] = resourceOf(
      prod.template,
      'Custom::CDKBucketDeployment',
      'HostingWebAssetsCustomResource512MiB',
    );
    expect(Object.keys(deployments)).toHaveLength(2);
    expect(render(assets.Properties)).toMatchObject({
      DestinationBucketName: '{HostingWeb}',
      Exclude: ['index.html', 'config.json'],
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    const index = Object.entries(deployments).find(([id]) => id !== assetsId)?.[1] as Resource & {
      DependsOn?: string[];
    };
    expect(render(index.Properties)).toMatchObject({
      DestinationBucketName: '{HostingWeb}',
      Include: ['index.html', 'config.json'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionId: '{HostingDistribution}',
      DistributionPaths: ['/index.html', '/config.json'],
      // config.json names the hosted UI and the client, filled in at deployment.
      SourceMarkers: [{}, { '<<marker:0xbaba:0>>': '{UsersSignIn}', '<<marker:0xbaba:1>>': '{WebClient}' }],
    });
    expect(JSON.stringify(index.DependsOn)).toContain('HostingWebAssets');
  });

  it('uses TLS 1.2 on its own domain and a WAF web ACL when the stage names them', () => {
    const config = distribution(prodOnDomain.template).DistributionConfig;
    expect(config).toMatchObject({
      Aliases: ['kerjasama.example.go.id'],
      ViewerCertificate: {
        AcmCertificateArn:
          'arn:aws:acm:us-east-1:111111111111:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      },
      WebACLId: 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/kerjasama/0f1e2d3c-4b5a-6978',
    });
  });
});
