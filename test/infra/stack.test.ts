import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/routes.js';
import { EVENT_HANDLERS } from '../../functions/events/handlers.js';
import { AgreementsStack } from '../../infra/stack.js';
import { TABLE_INDEXES } from '../../infra/table-design.js';
import { ROLES } from '../../shared/identity/identity.js';

let template: Template;

beforeAll(() => {
  const app = new App();
  const stack = new AgreementsStack(app, 'Test', {
    env: { account: '111111111111', region: 'ap-southeast-3' },
    code: () => Code.fromInline('export const handler = async () => ({ statusCode: 200 });'),
    senderEmail: 'no-reply@example.go.id',
  });
  template = Template.fromStack(stack);
});

type Resource = { Properties: Record<string, unknown> };

type Statement = { Action: string | string[]; Resource: unknown };

/** The IAM statements granted to a Lambda, from every policy attached to its role. */
function statementsOf(name: string): Statement[] {
  const functions = template.findResources('AWS::Lambda::Function');
  const [, fn] = Object.entries(functions).find(([id]) => id.startsWith(name)) ?? [];
  const role = (fn as Resource).Properties.Role as { 'Fn::GetAtt': [string, string] };
  const roleId = role['Fn::GetAtt'][0];
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
  return policies
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const actionsOf = (name: string): string[] =>
  statementsOf(name).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

/** The object prefixes of S3 statements, read from the ARNs CloudFormation joins. */
const s3PrefixesOf = (name: string): string[] =>
  statementsOf(name)
    .filter((s) => JSON.stringify(s.Action).includes('s3:'))
    .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]))
    .map((r) => JSON.stringify(r).match(/"\/([\w-]+\/)\*"/)?.[1] ?? JSON.stringify(r));

describe('the AWS stack', () => {
  it('creates the single table with its keys, every index and TTL', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
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
        Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      ],
    });
  });

  it('keeps the documents bucket private, encrypted, versioned and TLS-only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: Match.objectLike({}),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('has one Lambda and one API route per route definition', () => {
    // One per route and event handler, and CDK's own handler that configures bucket notifications.
    template.resourceCountIs('AWS::Lambda::Function', ROUTES.length + EVENT_HANDLERS.length + 1);
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => (r as Resource).Properties.RouteKey,
    );
    expect(routeKeys.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    const ours = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) =>
      [...ROUTES, ...EVENT_HANDLERS].some((fn) => id.startsWith(fn.name)),
    );
    expect(ours).toHaveLength(ROUTES.length + EVENT_HANDLERS.length);
    for (const [, fn] of ours) {
      expect((fn as Resource).Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
    }
  });

  it('gives rendering functions the fonts directory and more memory', () => {
    for (const route of ROUTES.filter((r) => r.renders)) {
      const fn = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) =>
        id.startsWith(route.name),
      )?.[1] as Resource;
      expect(fn.Properties.MemorySize).toBe(route.memory ?? 1024);
      expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.FONTS_DIR).toBe(
        '/var/task/fonts',
      );
    }
  });

  it('requires a Cognito JWT on every route, with a group per role', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as Resource[];
    for (const r of routes) {
      const route = ROUTES.find((d) => `${d.method} ${d.path}` === r.Properties.RouteKey);
      expect(r.Properties.AuthorizationType, String(r.Properties.RouteKey)).toBe(
        route?.public ? 'NONE' : 'JWT',
      );
    }
    expect(ROUTES.filter((r) => r.public).map((r) => r.path)).toEqual(['/api/verify', '/api/verify/{id}']);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT' });
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => (g as Resource).Properties.GroupName,
    );
    expect(groups.sort()).toEqual([...ROLES].sort());
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: 'unit', AttributeDataType: 'String' })]),
    });
  });

  it('keeps the archive write-once and ingests uploads from incoming/ only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE' } },
      },
    });
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }] } },
          }),
        ],
      },
    });
    const ingest = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith('IngestUpload'),
    );
    const ingestEnv = (ingest?.[1] as Resource | undefined)?.Properties.Environment as {
      Variables: Record<string, unknown>;
    };
    expect(Object.keys(ingestEnv.Variables).sort()).toEqual([
      'ARCHIVE_BUCKET',
      'DOCUMENTS_BUCKET',
      'TABLE_NAME',
    ]);
    expect(actionsOf('IngestUpload')).toEqual(
      expect.arrayContaining(['s3:GetObject', 's3:PutObject', 'dynamodb:PutItem']),
    );
    expect(actionsOf('RequestUpload')).toContain('s3:PutObject');
    expect(actionsOf('SearchArchive')).not.toContain('s3:PutObject');
  });

  it('sends outbox items from the table stream, filtered to inserts of the outbox', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: { Filters: [{ Pattern: Match.stringLikeRegexp('OUTBOX') }] },
    });
    expect(actionsOf('Notify').sort()).toEqual(
      expect.arrayContaining(['cognito-idp:ListUsersInGroup', 'ses:SendEmail']),
    );
  });

  it('runs the daily job at 01:00 WIB with the fonts, the table and only the reports prefix', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 18 * * ? *)',
      Targets: [Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 2 } })],
    });
    const daily = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith('Daily'),
    )?.[1] as Resource;
    expect(daily.Properties).toMatchObject({ MemorySize: 2048, Timeout: 300 });
    expect(Object.keys((daily.Properties.Environment as { Variables: object }).Variables).sort()).toEqual([
      'DOCUMENTS_BUCKET',
      'FONTS_DIR',
      'REGION_NAME',
      'TABLE_NAME',
    ]);
    expect(actionsOf('Daily').filter((a) => a.startsWith('s3:'))).toEqual(['s3:PutObject']);
    expect(s3PrefixesOf('Daily')).toEqual(['reports/']);
  });

  it('grants each function only what its route needs', () => {
    expect(actionsOf('Preview')).toEqual([]);
    expect(actionsOf('Sign')).toContain('kms:Sign');
    expect(actionsOf('Act')).not.toContain('kms:Sign');
    const list = actionsOf('ListAgreements');
    expect(list.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    const create = actionsOf('CreateAgreement');
    expect(create).toEqual(expect.arrayContaining(['dynamodb:PutItem', 's3:PutObject', 's3:DeleteObject']));
    expect(create).not.toContain('dynamodb:DeleteItem');
    // Transitions close inbox entries; a termination removes evaluation-list entries.
    for (const name of ['Act', 'Sign', 'Terminate', 'IngestUpload', 'Daily']) {
      expect(actionsOf(name), name).toContain('dynamodb:DeleteItem');
    }
    expect(actionsOf('EvaluationSummary').sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(s3PrefixesOf('ReportActivity')).toEqual(['activities/']);
    expect(s3PrefixesOf('CreateReport')).toEqual(['reports/']);
    expect(actionsOf('ListReports').filter((a) => a.startsWith('s3:'))).toEqual(['s3:GetObject']);
    expect(actionsOf('GetAgreement').sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query', 's3:GetObject']);
    for (const route of ROUTES) {
      for (const action of actionsOf(route.name)) expect(action).not.toMatch(/\*/);
    }
  });
});
