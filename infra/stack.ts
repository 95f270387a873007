import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaFunctionTarget } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  type Code,
  FilterCriteria,
  FilterRule,
  type Function as LambdaFunction,
  StartingPosition,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ROUTES } from '../functions/api/routes.js';
import {
  DAILY,
  DRAFT_BATCH,
  type EventHandlerDefinition,
  INGEST_FAILED,
  INGEST_UPLOAD,
  NOTIFY,
  TEMPLATE_CHECK_FAILED,
  VALIDATE_TEMPLATE,
} from '../functions/events/handlers.js';
import { ROLES } from '../shared/identity/identity.js';
import { Alarms } from './alarms.js';
import { Data } from './data.js';
import { DELETING_TABLE, Functions, READ_TABLE, WRITE_TABLE } from './functions.js';
import { Hosting } from './hosting.js';
import { acknowledgeFindings } from './nag.js';
import type { StageConfig } from './stage.js';

export interface AgreementsStackProps extends StackProps {
  stage: StageConfig;
  /** The deployment package of a handler: the bundle directory made by infra/bundle.ts. */
  code: (fn: EventHandlerDefinition) => Code;
  /** The built web app; without it the site is created empty (see infra/app.ts). */
  webDir?: string;
  /** PEM roots trusted when the signatures of uploaded PDFs are checked. */
  trustedRootsPem?: string;
}

const READ_OBJECTS = ['s3:GetObject'];
/** The audit chains' anchors, in the write-once archive bucket. */
const ANCHORS = 'anchors/';
/** The region's own files (its emblem), in the documents bucket. */
const REGION_FILES = 'region/';
/** DeleteObject only to clean up the files of a write whose transaction failed. */
const WRITE_OBJECTS = [...READ_OBJECTS, 's3:PutObject', 's3:DeleteObject'];
/** A presigned POST acts with the signer's rights: PutObject is all it needs. */
const DOCUMENT_OBJECTS = { read: READ_OBJECTS, write: WRITE_OBJECTS, upload: ['s3:PutObject'] };

/**
 * Cognito's admin API as the accounts adapter (shared/adapters/aws/cognito-accounts.ts) calls it: an
 * invitation creates the account, puts it in its role's group, and takes over one an earlier attempt
 * left (reading it, resending its invitation, bringing it to its state); managing changes the groups,
 * the unit attribute and whether it may sign in (signing a disabled account out everywhere).
 */
const ACCOUNT_STATE = [
  'AdminListGroupsForUser',
  'AdminAddUserToGroup',
  'AdminRemoveUserFromGroup',
  'AdminUpdateUserAttributes',
  'AdminDeleteUserAttributes',
  'AdminEnableUser',
];
const INVITE = ['AdminCreateUser', 'AdminGetUser', ...ACCOUNT_STATE];
const MANAGE = [...ACCOUNT_STATE, 'AdminDisableUser', 'AdminUserGlobalSignOut'];
const ACCOUNT_ACTIONS = { invite: INVITE, manage: MANAGE, import: [...new Set([...INVITE, ...MANAGE])] };

/**
 * The whole system for one stage: the table and buckets, a Lambda per route behind an HTTP API with
 * Cognito sign-in, the event handlers with their dead-letter queues, the web app behind CloudFront
 * with the API on its domain, and the alarms.
 */
export class AgreementsStack extends Stack {
  constructor(scope: Construct, id: string, props: AgreementsStackProps) {
    super(scope, id, props);
    const { stage } = props;
    Tags.of(this).add('kerjasama:stage', stage.stage);
    const removal = stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const users = new UserPool(this, 'Users', {
      userPoolName: `${stage.stackName}-users`,
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      // Cognito makes every app client able to write every required attribute. The name (printed in
      // the audit trail and the signature block) and the email (the sign-in alias and where
      // notifications go) are set by the administration path only, so neither is required; the API
      // refuses a token that lacks them (shared/identity/identity.ts).
      standardAttributes: {
        email: { required: false, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: { unit: new StringAttribute({ minLen: 2, maxLen: 20, mutable: true }) },
      mfa: stage.mfa === 'required' ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireSymbols: true,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: stage.deletionProtection,
      removalPolicy: removal,
    });
    // One group per role: the ID token's cognito:groups carries it to the handlers.
    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: users.userPoolId, groupName: role });
    }
    // The web app signs in through Cognito's hosted UI (authorization code with PKCE).
    const authDomain = users.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: `${stage.stackName.toLowerCase()}-${this.account}` },
    });

    const api = new HttpApi(this, 'Api', {
      description: `${stage.stackName}: cooperation agreements API`,
      createDefaultStage: false,
    });
    const retention = stage.logRetentionDays as RetentionDays;
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention, removalPolicy: removal });
    new HttpStage(this, 'ApiStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: stage.apiRateLimit, burstLimit: stage.apiBurstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            route: '$context.routeKey',
            status: '$context.status',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            user: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    const data = new Data(this, 'Data', stage);
    const signInUrl = authDomain.baseUrl();
    const hosting = new Hosting(this, 'Hosting', { stage, api, logs: data.logs, signInUrl });
    data.allowUploadsFrom([hosting.url]);

    const client = new UserPoolClient(this, 'WebClient', {
      userPool: users,
      // The browser signs in on the hosted UI; operators holding AWS admin credentials can get a token
      // from the CLI (admin-initiate-auth, itself IAM-authorised) to seed routes.
      authFlows: { userSrp: true, adminUserPassword: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${hosting.url}/auth/callback`],
        logoutUrls: [`${hosting.url}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      generateSecret: false,
      // The token carries who the user is; a user may change only their language. An empty list would
      // mean Cognito's default (every standard attribute writable), so one harmless attribute stays.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true, locale: true })
        .withCustomAttributes('unit'),
      writeAttributes: new ClientAttributes().withStandardAttributes({ locale: true }),
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(8),
      enableTokenRevocation: true,
    });
    // The web app reads how to sign in from /config.json, so one build serves every stage.
    if (props.webDir) {
      hosting.deployWebApp(props.webDir, {
        auth: { mode: 'cognito', domain: signInUrl, clientId: client.userPoolClientId },
      });
    }
    const signedIn = new HttpJwtAuthorizer('Cognito', users.userPoolProviderUrl, {
      jwtAudience: [client.userPoolClientId],
    });
    const { table, documents, incoming, archive } = data;

    const functions = new Functions(this, 'Functions', {
      code: props.code,
      logRetention: retention,
      logRemoval: removal,
      table,
      key: data.key,
    });
    const trustedRoots: Record<string, string> = props.trustedRootsPem
      ? { TRUSTED_ROOTS_PEM: props.trustedRootsPem }
      : {};

    // A remote signing service's settings reach the Sign function; GET /api/me says whether it asks for
    // a passphrase. The client secret is read from its Secrets Manager secret at the first signature.
    const remote = stage.remoteSigning;
    const prefix = remote?.transport === 'csc' ? 'CSC' : 'BSRE';
    const remoteSigningEnvironment: Record<string, string> = remote
      ? {
          SIGNING_TRANSPORT: remote.transport,
          // A document BSrE returns is kept only when its signature chains to a trusted root.
          ...trustedRoots,
          [`${prefix}_URL`]: remote.url,
          [`${prefix}_CLIENT_ID`]: remote.clientId,
          [`${prefix}_CLIENT_SECRET_ARN`]: remote.clientSecretArn,
        }
      : {};
    for (const route of ROUTES) {
      // Rendering is CPU-bound and Lambda's CPU share grows with memory: 1 GB renders the 5-page MoU
      // in about 50 ms. The rest query and write a few items; 512 MB keeps cold imports short.
      const fn = functions.create(route, {
        memorySize: route.memory ?? (route.renders ? 1024 : 512),
        timeout: Duration.seconds(route.timeoutSeconds ?? (route.renders ? 15 : 10)),
        environment: {
          TABLE_NAME: table.tableName,
          REGION_ID: stage.regionId,
          DOCUMENTS_BUCKET: documents.bucketName,
          ...(route.renders ? { FONTS_DIR: '/var/task/fonts' } : {}),
          ...(route.rasterizes ? { RESVG_WASM: '/var/task/resvg.wasm' } : {}),
          ...(route.signs ? { PUBLIC_BASE_URL: hosting.url, TSA_URLS: stage.tsaUrls.join(',') } : {}),
          ...(route.signs ? remoteSigningEnvironment : {}),
          ...(route.name === 'Me' && stage.remoteSigning
            ? { SIGNING_TRANSPORT: stage.remoteSigning.transport }
            : {}),
          ...(route.incoming ? { INCOMING_BUCKET: incoming.bucketName } : {}),
          ...(route.archive || route.anchors ? { ARCHIVE_BUCKET: archive.bucketName } : {}),
          ...(route.public ? trustedRoots : {}),
          ...(route.accounts ? { USER_POOL_ID: users.userPoolId } : {}),
        },
      });
      if (route.table) {
        functions.grantTable(
          fn,
          route.deletes ? DELETING_TABLE : route.table === 'write' ? WRITE_TABLE : READ_TABLE,
        );
      } else if (!route.public) {
        // Every signed-in request reads its caller's user item, and nothing else of the table.
        functions.grantTable(fn, ['dynamodb:GetItem'], { leadingKeys: ['USER#*'] });
      }
      if (route.verificationReports) {
        functions.grantTable(fn, ['dynamodb:PutItem'], { leadingKeys: ['VERIFICATION#*'] });
      }
      if (route.accounts) {
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ACCOUNT_ACTIONS[route.accounts].map((a) => `cognito-idp:${a}`),
            resources: [users.userPoolArn],
          }),
        );
      }
      functions.grantObjects(fn, [
        ...(route.documents
          ? [
              {
                bucket: documents,
                actions: DOCUMENT_OBJECTS[route.documents],
                prefixes: [...(route.prefixes ?? ['agreements/'])],
              },
            ]
          : []),
        ...(route.region
          ? [{ bucket: documents, actions: DOCUMENT_OBJECTS[route.region], prefixes: [REGION_FILES] }]
          : []),
        ...(route.incoming
          ? [
              {
                bucket: incoming,
                actions: route.incoming === 'write' ? ['s3:PutObject'] : ['s3:GetObject'],
                prefixes: [...(route.incomingPrefixes ?? ['incoming/'])],
              },
            ]
          : []),
        ...(route.archive ? [{ bucket: archive, actions: ['s3:GetObject'], prefixes: ['archive/'] }] : []),
        ...(route.anchors ? [{ bucket: archive, actions: ['s3:GetObject'], prefixes: [ANCHORS] }] : []),
      ]);
      if (route.anchors) functions.grantList(fn, [archive], ANCHORS);
      if (route.region === 'write') functions.grantList(fn, [documents], REGION_FILES);
      if (route.signs && remote) {
        // The remote service's client secret: that one secret (its key's grant is the secret's own).
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['secretsmanager:GetSecretValue'],
            resources: [remote.clientSecretArn],
          }),
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
      const integration = new HttpLambdaIntegration(`${route.name}Integration`, fn);
      for (const path of [route.path, ...(route.alsoServes ?? [])]) {
        api.addRoutes({
          path,
          methods: [HttpMethod[route.method]],
          integration,
          // Verification is for anyone holding a PDF or a QR code: no sign-in.
          authorizer: route.public ? new HttpNoneAuthorizer() : signedIn,
        });
      }
    }

    /** `visibilityTimeout`: as long as the function that empties it may run, as an SQS source requires. */
    const deadLetterQueue = (id: string, visibilityTimeout?: Duration) =>
      new Queue(this, id, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        ...(visibilityTimeout ? { visibilityTimeout } : {}),
      });
    /** Runs `fn` on each object S3 creates under `prefix` of the incoming bucket: two retries, then `failures`. */
    const onIncoming = (fn: LambdaFunction, prefix: string, failures: Queue) => {
      fn.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
        onFailure: new SqsDestination(failures),
      });
      incoming.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn), { prefix });
    };

    // Outbox items, sent once their transaction committed; a batch that keeps failing goes aside.
    const notifyFailures = deadLetterQueue('NotifyDeadLetters');
    const notify = functions.create(NOTIFY, {
      memorySize: 256,
      timeout: Duration.seconds(30),
      environment: {
        TABLE_NAME: table.tableName,
        REGION_ID: stage.regionId,
        SENDER_EMAIL: stage.senderEmail,
      },
    });
    // The recipients are the enabled users of the role (in the unit), read from the user store.
    functions.grantIndexQuery(notify, ['byUnit', 'byType']);
    notify.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 20,
        retryAttempts: 5,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(notifyFailures),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { Keys: { pk: { S: FilterRule.isEqual('OUTBOX') } } },
          }),
        ],
      }),
    );
    const senderDomain = stage.senderEmail.split('@')[1];
    notify.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        // The sender is verified either as the address or as its whole domain.
        resources: [stage.senderEmail, senderDomain].map(
          (identity) => `arn:${this.partition}:ses:${this.region}:${this.account}:identity/${identity}`,
        ),
        conditions: { StringEquals: { 'ses:FromAddress': stage.senderEmail } },
      }),
    );

    // S3 invokes the ingestion asynchronously: Lambda retries twice, then the event goes aside.
    const ingestFailures = deadLetterQueue('IngestDeadLetters');
    const ingest = functions.create(INGEST_UPLOAD, {
      // A 25 MB upload is held a few times over (bytes, copy, hash) while it is checked, and parsed
      // whole to be sealed (its validation data and the archive's document timestamp).
      memorySize: 2048,
      timeout: Duration.seconds(60),
      environment: {
        TABLE_NAME: table.tableName,
        DOCUMENTS_BUCKET: documents.bucketName,
        ARCHIVE_BUCKET: archive.bucketName,
        TSA_URLS: stage.tsaUrls.join(','),
        ...trustedRoots,
      },
    });
    onIncoming(ingest, 'incoming/', ingestFailures);
    functions.grantObjects(ingest, [
      { bucket: incoming, actions: ['s3:GetObject'], prefixes: ['incoming/'] },
      { bucket: incoming, actions: ['s3:PutObject'], prefixes: ['quarantine/'] },
      { bucket: archive, actions: ['s3:GetObject', 's3:PutObject'], prefixes: ['archive/'] },
    ]);
    functions.grantList(ingest, [incoming, archive]);
    functions.grantTable(ingest, DELETING_TABLE);
    // Each event that failed every retry: its upload is marked failed instead of staying pending.
    const ingestFailed = functions.create(INGEST_FAILED, {
      memorySize: 256,
      // Below the queue's visibility timeout (30 s), as an SQS source requires.
      timeout: Duration.seconds(20),
      environment: { TABLE_NAME: table.tableName },
    });
    ingestFailed.addEventSource(
      new SqsEventSource(ingestFailures, { batchSize: 10, reportBatchItemFailures: true }),
    );
    functions.grantTable(ingestFailed, ['dynamodb:GetItem', 'dynamodb:UpdateItem']);

    // An uploaded template file is checked as S3 puts it: Lambda retries twice, then the event goes
    // aside and its candidate is refused with the reason.
    const templateCheckFailures = deadLetterQueue('TemplateCheckDeadLetters');
    const validateTemplate = functions.create(VALIDATE_TEMPLATE, {
      // Twelve documents rendered (a PDF and a DOCX for six category and language variants).
      memorySize: 1024,
      timeout: Duration.seconds(60),
      environment: {
        TABLE_NAME: table.tableName,
        REGION_ID: stage.regionId,
        DOCUMENTS_BUCKET: documents.bucketName,
        FONTS_DIR: '/var/task/fonts',
      },
    });
    onIncoming(validateTemplate, 'templates/', templateCheckFailures);
    functions.grantObjects(validateTemplate, [
      { bucket: incoming, actions: ['s3:GetObject'], prefixes: ['templates/'] },
      // Its samples, and their removal when a concurrent check of the same event got there first.
      { bucket: documents, actions: ['s3:PutObject', 's3:DeleteObject'], prefixes: ['templates/'] },
    ]);
    // HeadObject answers a missing file with 404 (not 403) only with ListBucket.
    functions.grantList(validateTemplate, [incoming], 'templates/');
    // It reads candidates and versions and settles a candidate (a conditional update).
    functions.grantTable(validateTemplate, ['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    const templateCheckFailed = functions.create(TEMPLATE_CHECK_FAILED, {
      memorySize: 256,
      timeout: Duration.seconds(20),
      // The library is built with its files' bucket, which this function never touches.
      environment: {
        TABLE_NAME: table.tableName,
        REGION_ID: stage.regionId,
        DOCUMENTS_BUCKET: documents.bucketName,
      },
    });
    templateCheckFailed.addEventSource(
      new SqsEventSource(templateCheckFailures, { batchSize: 10, reportBatchItemFailures: true }),
    );
    functions.grantTable(templateCheckFailed, ['dynamodb:UpdateItem']);

    // A batch workbook is drafted as S3 puts it: Lambda retries twice, each retry resuming at the first
    // row not recorded, then the event goes aside, and the same function marks the batch failed (a
    // function of its own for that would take the stack towards CloudFormation's 500 resources).
    const batchTimeout = Duration.minutes(15);
    const batchFailures = deadLetterQueue('BatchDeadLetters', batchTimeout);
    const draftBatch = functions.create(DRAFT_BATCH, {
      // Rendering is CPU-bound: 2 GB is about 1.2 vCPU, and 500 drafts fit 15 minutes with room to spare.
      memorySize: 2048,
      timeout: batchTimeout,
      environment: {
        TABLE_NAME: table.tableName,
        REGION_ID: stage.regionId,
        DOCUMENTS_BUCKET: documents.bucketName,
        FONTS_DIR: '/var/task/fonts',
      },
    });
    onIncoming(draftBatch, 'batches/', batchFailures);
    draftBatch.addEventSource(
      new SqsEventSource(batchFailures, { batchSize: 10, reportBatchItemFailures: true }),
    );
    functions.grantObjects(draftBatch, [
      { bucket: incoming, actions: ['s3:GetObject'], prefixes: ['batches/'] },
      // The drafts' files and the result workbook (each removed when a concurrent delivery wrote its
      // record first), and the region's emblem printed for the first party; it reads neither back.
      {
        bucket: documents,
        actions: ['s3:PutObject', 's3:DeleteObject'],
        prefixes: ['agreements/', 'batches/'],
      },
      { bucket: documents, actions: READ_OBJECTS, prefixes: [REGION_FILES] },
    ]);
    // HeadObject answers a missing file with 404 (not 403) only with ListBucket.
    functions.grantList(draftBatch, [incoming], 'batches/');
    // It drafts as CreateAgreement does, and records and counts each row.
    functions.grantTable(draftBatch, WRITE_TABLE);

    // 01:00 in Jakarta: statuses that time changes, reminders, the reports of periods just ended, and
    // the anchors of the audit chains that grew.
    const dailyFailures = deadLetterQueue('DailyDeadLetters');
    const daily = functions.create(DAILY, {
      memorySize: 2048,
      timeout: Duration.minutes(5),
      environment: {
        TABLE_NAME: table.tableName,
        REGION_ID: stage.regionId,
        DOCUMENTS_BUCKET: documents.bucketName,
        FONTS_DIR: '/var/task/fonts',
        ARCHIVE_BUCKET: archive.bucketName,
        // Renewing the archive's seals asks the TSAs, as signing does.
        TSA_URLS: stage.tsaUrls.join(','),
      },
    });
    daily.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(dailyFailures) });
    new Rule(this, 'DailySchedule', {
      description:
        'Lifecycles, reminders, periodic reports and archive seal renewals of the cooperation agreements',
      schedule: Schedule.cron({ minute: '0', hour: '18' }),
      targets: [new LambdaFunctionTarget(daily, { retryAttempts: 2, deadLetterQueue: dailyFailures })],
    });
    functions.grantTable(daily, DELETING_TABLE);
    functions.grantObjects(daily, [
      { bucket: documents, actions: ['s3:PutObject'], prefixes: ['reports/'] },
      // It finds an agreement's latest anchor and adds the next; object lock keeps every one.
      { bucket: archive, actions: ['s3:GetObject', 's3:PutObject'], prefixes: [ANCHORS] },
      // A seal due for renewal: the latest copy read, the renewed one written beside it.
      { bucket: archive, actions: ['s3:GetObject', 's3:PutObject'], prefixes: ['archive/'] },
    ]);
    functions.grantList(daily, [archive], ANCHORS);
    functions.grantList(daily, [archive], 'archive/');

    new Alarms(this, 'Alarms', {
      stage,
      functions: functions.all,
      deadLetterQueues: [notifyFailures, ingestFailures, templateCheckFailures, batchFailures, dailyFailures],
      consumedDeadLetterQueues: [ingestFailures, templateCheckFailures, batchFailures],
      api,
    });

    // Last, so that every resource is there to be checked.
    acknowledgeFindings(this, stage);

    new CfnOutput(this, 'WebUrl', { value: hosting.url });
    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: users.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    new CfnOutput(this, 'SignInUrl', { value: signInUrl });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'RegionId', { value: stage.regionId });
    new CfnOutput(this, 'DocumentsBucketName', { value: documents.bucketName });
    new CfnOutput(this, 'IncomingBucketName', { value: incoming.bucketName });
    new CfnOutput(this, 'ArchiveBucketName', { value: archive.bucketName });
    new CfnOutput(this, 'WebBucketName', { value: hosting.bucket.bucketName });
    new CfnOutput(this, 'DataKeyArn', { value: data.key.keyArn });
  }
}
