import { type Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  Architecture,
  type Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { EventHandlerDefinition } from '../functions/events/handlers.js';
import { type IndexName, TABLE_INDEXES } from '../shared/adapters/aws/table-design.js';

/** The newest Lambda Node.js runtime; infra/bundling.ts targets the same major (a test holds them together). */
export const RUNTIME = Runtime.NODEJS_24_X;

export const READ_TABLE = ['dynamodb:GetItem', 'dynamodb:Query'];
/** TransactWriteItems is authorised per item action. */
export const WRITE_TABLE = [
  ...READ_TABLE,
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:ConditionCheckItem',
];
/** For writers whose transactions close inbox entries or evaluation-list entries. */
export const DELETING_TABLE = [...WRITE_TABLE, 'dynamodb:DeleteItem'];

export interface FunctionSettings {
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
}

export interface FunctionsProps {
  code: (fn: EventHandlerDefinition) => Code;
  logRetention: RetentionDays;
  logRemoval: RemovalPolicy;
  table: TableV2;
  /** The key of the data buckets: object reads decrypt with it, object writes generate data keys. */
  key: IKey;
}

/** What a function does with one bucket: the actions on objects under each prefix. */
export interface ObjectAccess {
  bucket: IBucket;
  actions: string[];
  prefixes: string[];
}

/**
 * Lambda functions with a role of their own: its policy names only the functions' log group,
 * the table actions and the object prefixes it uses, and the key only through S3 for those buckets.
 */
export class Functions extends Construct {
  readonly all: LambdaFunction[] = [];
  /**
   * One log group for every function (each JSON line names its function): a group per function made
   * the stack outgrow CloudFormation's 500 resources.
   */
  private readonly logGroup: LogGroup;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: FunctionsProps,
  ) {
    super(scope, id);
    this.logGroup = new LogGroup(Stack.of(this), 'FunctionLogs', {
      retention: props.logRetention,
      removalPolicy: props.logRemoval,
    });
  }

  create(fn: EventHandlerDefinition, settings: FunctionSettings): LambdaFunction {
    const scope = Stack.of(this);
    const logGroup = this.logGroup;
    const role = new Role(scope, `${fn.name}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `The ${fn.name} function`,
    });
    // Instead of AWSLambdaBasicExecutionRole, which may write to any log group.
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    const lambda = new LambdaFunction(scope, fn.name, {
      runtime: RUNTIME,
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      code: this.props.code(fn),
      role,
      memorySize: settings.memorySize,
      timeout: settings.timeout,
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      environment: {
        ...settings.environment,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'kerjasama',
        POWERTOOLS_METRICS_NAMESPACE: 'KerjaSama',
      },
    });
    this.all.push(lambda);
    return lambda;
  }

  /**
   * Item actions on the table (only on items whose partition key matches one of `leadingKeys`, when
   * given); Query, when granted, also on each index, named one by one.
   */
  grantTable(fn: LambdaFunction, actions: string[], only?: { leadingKeys: string[] }): void {
    const { table } = this.props;
    fn.addToRolePolicy(
      new PolicyStatement({
        actions,
        resources: [table.tableArn],
        ...(only
          ? { conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': only.leadingKeys } } }
          : {}),
      }),
    );
    if (actions.includes('dynamodb:Query'))
      this.grantIndexQuery(
        fn,
        TABLE_INDEXES.map((i) => i.name),
      );
  }

  /** Query on the named indexes only. */
  grantIndexQuery(fn: LambdaFunction, indexes: readonly IndexName[]): void {
    const { table } = this.props;
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: indexes.map((index) => `${table.tableArn}/index/${index}`),
      }),
    );
  }

  /**
   * Object actions under the given prefixes, and the key for exactly those buckets: Decrypt to read,
   * GenerateDataKey to write, both only when S3 asks on the function's behalf.
   */
  grantObjects(fn: LambdaFunction, accesses: ObjectAccess[]): void {
    const reads = new Set<IBucket>();
    const writes = new Set<IBucket>();
    for (const { bucket, actions, prefixes } of accesses) {
      fn.addToRolePolicy(
        new PolicyStatement({
          actions,
          resources: prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`)),
        }),
      );
      if (actions.some((a) => a === 's3:GetObject')) reads.add(bucket);
      if (actions.some((a) => a === 's3:PutObject')) writes.add(bucket);
    }
    const viaS3 = (buckets: Set<IBucket>) => ({
      StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` },
      'ForAnyValue:StringEquals': {
        'kms:EncryptionContext:aws:s3:arn': [...buckets].map((b) => b.bucketArn),
      },
    });
    if (reads.size) {
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [this.props.key.keyArn],
          conditions: viaS3(reads),
        }),
      );
    }
    if (writes.size) {
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['kms:GenerateDataKey'],
          resources: [this.props.key.keyArn],
          conditions: viaS3(writes),
        }),
      );
    }
  }

  /**
   * ListBucket: without it S3 answers a missing key with 403 instead of 404, and the ingestion's
   * "is it archived already" and "is the upload still there" checks need the 404. With `prefix`, only
   * listings under it (the audit anchors).
   */
  grantList(fn: LambdaFunction, buckets: IBucket[], prefix?: string): void {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: buckets.map((b) => b.bucketArn),
        ...(prefix ? { conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } } } : {}),
      }),
    );
  }
}
