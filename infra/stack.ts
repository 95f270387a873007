import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, type Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ROUTES, type RouteDefinition } from '../functions/api/routes.js';
import { TABLE_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from './table-design.js';

export interface AgreementsStackProps extends StackProps {
  /** The deployment package of a route's handler: the bundle directory made by infra/bundle.ts. */
  code: (route: RouteDefinition) => Code;
}

const READ_TABLE = ['dynamodb:GetItem', 'dynamodb:Query'];
/** TransactWriteItems is authorised per item action. */
const WRITE_TABLE = [...READ_TABLE, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'];
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
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const documents = new Bucket(this, 'Documents', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const api = new HttpApi(this, 'Api', { description: 'Cooperation agreements API' });

    for (const route of ROUTES) {
      const fn = new LambdaFunction(this, route.name, {
        // nodejs20.x is deprecated in Lambda; bundles target Node 20 syntax, which Node 24 runs unchanged.
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        handler: 'index.handler',
        code: props.code(route),
        // Rendering is CPU-bound: Lambda's CPU share grows with memory.
        memorySize: route.renders ? 1024 : 256,
        timeout: Duration.seconds(route.renders ? 15 : 5),
        environment: {
          TABLE_NAME: table.tableName,
          DOCUMENTS_BUCKET: documents.bucketName,
          ...(route.renders ? { FONTS_DIR: '/var/task/fonts' } : {}),
        },
        logGroup: new LogGroup(this, `${route.name}Logs`, {
          retention: RetentionDays.SIX_MONTHS,
          removalPolicy: RemovalPolicy.RETAIN,
        }),
      });
      if (route.table) {
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: route.table === 'write' ? WRITE_TABLE : READ_TABLE,
            resources: [table.tableArn, `${table.tableArn}/index/*`],
          }),
        );
      }
      if (route.documents) {
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: route.documents === 'write' ? WRITE_DOCUMENTS : READ_DOCUMENTS,
            resources: [documents.arnForObjects('agreements/*')],
          }),
        );
      }
      api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.name}Integration`, fn),
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'DocumentsBucketName', { value: documents.bucketName });
  }
}
