import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpNoneAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  Mfa,
  StringAttribute,
  UserPool,
  UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaFunctionTarget } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  type Code,
  FilterCriteria,
  FilterRule,
  Function as LambdaFunction,
  Runtime,
  StartingPosition,
} from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  EventType,
  HttpMethods,
  ObjectLockRetention,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { Construct } from 'constructs';
import { ROUTES } from '../functions/api/routes.js';
import { DAILY, type EventHandlerDefinition, INGEST_UPLOAD, NOTIFY } from '../functions/events/handlers.js';
import { ROLES } from '../shared/identity/identity.js';
import { TABLE_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from './table-design.js';

export interface AgreementsStackProps extends StackProps {
  /** The deployment package of a handler: the bundle directory made by infra/bundle.ts. */
  code: (fn: EventHandlerDefinition) => Code;
  /** The verified SES identity notifications are sent from. */
  senderEmail: string;
  /** Where the public verification page is served; the QR codes of signatures point there. */
  publicBaseUrl?: string;
  /** Origins allowed to PUT uploads from the browser (the web app). */
  webOrigins?: string[];
  /** PEM roots trusted when the signatures of uploaded PDFs are checked. */
  trustedRootsPem?: string;
  /** The region named on the periodic reports, e.g. "Provinsi Jawa Tengah". */
  regionName?: string;
}

const READ_TABLE = ['dynamodb:GetItem', 'dynamodb:Query'];
/** TransactWriteItems is authorised per item action. */
const WRITE_TABLE = [...READ_TABLE, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'];
/** For writers whose transactions close inbox entries or evaluation-list entries. */
const DELETING_TABLE = [...WRITE_TABLE, 'dynamodb:DeleteItem'];
const READ_DOCUMENTS = ['s3:GetObject'];
/** DeleteObject only to clean up the files of a write whose transaction failed. */
const WRITE_DOCUMENTS = [...READ_DOCUMENTS, 's3:PutObject', 's3:DeleteObject'];

/** The drafting API: one table, one private bucket, one Lambda per route behind an HTTP API. */
export class AgreementsStack extends Stack {
  constructor(scope: Construct, id: string, props: AgreementsStackProps) {
    super(scope, id, props);

    const table = new TableV2(this, 'Agreements', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
      billing: Billing.onDemand(),
      // Outbox items reach the notifier through the stream, after their transaction committed.
      dynamoStream: StreamViewType.NEW_IMAGE,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const privateBucket = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    const documents = new Bucket(this, 'Documents', { ...privateBucket, versioned: true });

    // Uploads arrive here through presigned URLs; refused ones are copied under quarantine/ and kept.
    const incoming = new Bucket(this, 'Incoming', {
      ...privateBucket,
      versioned: true,
      cors: [
        {
          allowedMethods: [HttpMethods.PUT],
          allowedOrigins: props.webOrigins ?? ['*'],
          allowedHeaders: ['content-type'],
          maxAge: 3000,
        },
      ],
    });
    // Signed agreements, write-once: object lock in compliance mode keeps every version for 30 years.
    const archive = new Bucket(this, 'Archive', {
      ...privateBucket,
      versioned: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(30 * 365)),
    });

    const users = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: true, mutable: true },
      },
      customAttributes: { unit: new StringAttribute({ minLen: 2, maxLen: 20, mutable: true }) },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 12, requireSymbols: true, requireDigits: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // One group per role: the ID token's cognito:groups carries it to the handlers.
    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: users.userPoolId, groupName: role });
    }
    const client = new UserPoolClient(this, 'WebClient', {
      userPool: users,
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(8),
    });

    const api = new HttpApi(this, 'Api', {
      description: 'Cooperation agreements API',
      defaultAuthorizer: new HttpJwtAuthorizer('Cognito', users.userPoolProviderUrl, {
        jwtAudience: [client.userPoolClientId],
      }),
    });

    const lambda = (
      fn: EventHandlerDefinition,
      memorySize: number,
      timeout: Duration,
      environment: Record<string, string>,
    ) =>
      new LambdaFunction(this, fn.name, {
        // nodejs20.x is deprecated in Lambda; bundles target Node 20 syntax, which Node 24 runs unchanged.
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        handler: 'index.handler',
        code: props.code(fn),
        memorySize,
        timeout,
        environment,
        logGroup: new LogGroup(this, `${fn.name}Logs`, {
          retention: RetentionDays.SIX_MONTHS,
          removalPolicy: RemovalPolicy.RETAIN,
        }),
      });

    for (const route of ROUTES) {
      // Rendering is CPU-bound: Lambda's CPU share grows with memory.
      const memory = route.memory ?? (route.renders ? 1024 : 256);
      const timeout = Duration.seconds(route.timeoutSeconds ?? (route.renders ? 15 : 5));
      const fn = lambda(route, memory, timeout, {
        TABLE_NAME: table.tableName,
        DOCUMENTS_BUCKET: documents.bucketName,
        ...(route.renders ? { FONTS_DIR: '/var/task/fonts' } : {}),
        ...(route.prefixes?.includes('reports/')
          ? { REGION_NAME: props.regionName ?? 'Pemerintah Daerah' }
          : {}),
        ...(route.signs ? { PUBLIC_BASE_URL: props.publicBaseUrl ?? api.apiEndpoint } : {}),
        ...(route.incoming ? { INCOMING_BUCKET: incoming.bucketName } : {}),
        ...(route.archive ? { ARCHIVE_BUCKET: archive.bucketName } : {}),
        ...(route.public && props.trustedRootsPem ? { TRUSTED_ROOTS_PEM: props.trustedRootsPem } : {}),
      });
      if (route.incoming) {
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: route.incoming === 'write' ? ['s3:PutObject'] : ['s3:GetObject'],
            resources: [incoming.arnForObjects('incoming/*')],
          }),
        );
      }
      if (route.archive) {
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ['s3:GetObject'], resources: [archive.arnForObjects('archive/*')] }),
        );
      }
      if (route.signs) {
        // Only keys tagged as signatory keys, and only to sign digests.
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['kms:Sign'],
            resources: [`arn:${this.partition}:kms:${this.region}:${this.account}:key/*`],
            conditions: {
              StringEquals: { 'aws:ResourceTag/kerjasama:purpose': 'signatory', 'kms:MessageType': 'DIGEST' },
            },
          }),
        );
      }
      if (route.table) {
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: route.deletes ? DELETING_TABLE : route.table === 'write' ? WRITE_TABLE : READ_TABLE,
            resources: [table.tableArn, `${table.tableArn}/index/*`],
          }),
        );
      }
      if (route.documents) {
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: route.documents === 'write' ? WRITE_DOCUMENTS : READ_DOCUMENTS,
            resources: (route.prefixes ?? ['agreements/']).map((prefix) =>
              documents.arnForObjects(`${prefix}*`),
            ),
          }),
        );
      }
      api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.name}Integration`, fn),
        // Verification is for anyone holding a PDF or a QR code: no sign-in.
        ...(route.public ? { authorizer: new HttpNoneAuthorizer() } : {}),
      });
    }

    const notify = lambda(NOTIFY, 256, Duration.seconds(30), {
      USER_POOL_ID: users.userPoolId,
      SENDER_EMAIL: props.senderEmail,
    });
    notify.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 20,
        retryAttempts: 5,
        reportBatchItemFailures: true,
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { Keys: { pk: { S: FilterRule.isEqual('OUTBOX') } } },
          }),
        ],
      }),
    );
    notify.addToRolePolicy(
      new PolicyStatement({ actions: ['cognito-idp:ListUsersInGroup'], resources: [users.userPoolArn] }),
    );
    notify.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [`arn:${this.partition}:ses:${this.region}:${this.account}:identity/*`],
        conditions: { StringEquals: { 'ses:FromAddress': props.senderEmail } },
      }),
    );

    const ingest = lambda(INGEST_UPLOAD, 1024, Duration.seconds(60), {
      TABLE_NAME: table.tableName,
      DOCUMENTS_BUCKET: documents.bucketName,
      ARCHIVE_BUCKET: archive.bucketName,
      ...(props.trustedRootsPem ? { TRUSTED_ROOTS_PEM: props.trustedRootsPem } : {}),
    });
    incoming.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(ingest), {
      prefix: 'incoming/',
    });
    ingest.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [incoming.arnForObjects('incoming/*')] }),
    );
    ingest.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [incoming.arnForObjects('quarantine/*')] }),
    );
    ingest.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [archive.arnForObjects('archive/*')],
      }),
    );
    ingest.addToRolePolicy(
      new PolicyStatement({
        actions: DELETING_TABLE,
        resources: [table.tableArn, `${table.tableArn}/index/*`],
      }),
    );

    // 01:00 in Jakarta: statuses that time changes, reminders, the reports of periods just ended.
    const daily = lambda(DAILY, 2048, Duration.minutes(5), {
      TABLE_NAME: table.tableName,
      DOCUMENTS_BUCKET: documents.bucketName,
      FONTS_DIR: '/var/task/fonts',
      REGION_NAME: props.regionName ?? 'Pemerintah Daerah',
    });
    new Rule(this, 'DailySchedule', {
      description: 'Lifecycles, reminders and periodic reports of the cooperation agreements',
      schedule: Schedule.cron({ minute: '0', hour: '18' }),
      targets: [new LambdaFunctionTarget(daily, { retryAttempts: 2 })],
    });
    daily.addToRolePolicy(
      new PolicyStatement({
        actions: DELETING_TABLE,
        resources: [table.tableArn, `${table.tableArn}/index/*`],
      }),
    );
    daily.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [documents.arnForObjects('reports/*')] }),
    );

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'IncomingBucketName', { value: incoming.bucketName });
    new CfnOutput(this, 'ArchiveBucketName', { value: archive.bucketName });
    new CfnOutput(this, 'UserPoolId', { value: users.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'DocumentsBucketName', { value: documents.bucketName });
  }
}
