import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type BucketProps,
  HttpMethods,
  ObjectLockRetention,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TABLE_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../shared/adapters/aws/table-design.js';
import type { StageConfig } from './stage.js';

/**
 * Where the system's data lives: the single table, and the documents, incoming and archive buckets,
 * encrypted with one customer-managed key, private, TLS-only and logging their access.
 */
export class Data extends Construct {
  readonly key: Key;
  readonly table: TableV2;
  readonly logs: Bucket;
  readonly documents: Bucket;
  readonly incoming: Bucket;
  readonly archive: Bucket;

  constructor(scope: Construct, id: string, stage: StageConfig) {
    super(scope, id);
    const retain = stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.key = new Key(this, 'Key', {
      description: `${stage.stackName}: the buckets of documents, uploads and the archive`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new TableV2(this, 'Agreements', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
      billing: Billing.onDemand(),
      // The AWS-managed key (aws/dynamodb) logs its use in CloudTrail and needs no grants per caller.
      encryption: TableEncryptionV2.awsManagedKey(),
      // Outbox items reach the notifier through the stream, after their transaction committed.
      dynamoStream: StreamViewType.NEW_IMAGE,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: stage.deletionProtection,
      removalPolicy: retain,
    });

    // S3 delivers server access logs only to SSE-S3 buckets, so this one bucket is not under the key;
    // CloudFront delivers its logs through an ACL grant, so ACLs stay enabled (never public ones).
    this.logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(stage.logRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const bucket = (name: string, props: BucketProps) =>
      new Bucket(this, name, {
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        encryption: BucketEncryption.KMS,
        encryptionKey: this.key,
        // One data key per bucket instead of a KMS call per object: cheaper, and the encryption
        // context is the bucket, which the functions' key grants are conditioned on.
        bucketKeyEnabled: true,
        enforceSSL: true,
        objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
        versioned: true,
        serverAccessLogsBucket: this.logs,
        serverAccessLogsPrefix: `${name.toLowerCase()}/`,
        removalPolicy: RemovalPolicy.RETAIN,
        ...props,
      });
    const cleanup = {
      abortIncompleteMultipartUploadAfter: Duration.days(1),
      noncurrentVersionExpiration: Duration.days(stage.noncurrentDays),
    };

    // Rendered versions are written once and read mostly while the agreement is drafted and routed.
    this.documents = bucket('Documents', {
      lifecycleRules: [
        { id: 'cleanup', ...cleanup },
        {
          id: 'drafts',
          prefix: 'agreements/',
          transitions: [
            {
              storageClass: StorageClass.INFREQUENT_ACCESS,
              transitionAfter: Duration.days(stage.draftsInfrequentAccessDays),
            },
          ],
        },
      ],
    });

    // Uploads arrive through presigned POST forms; refused ones are copied under quarantine/ and kept a while.
    this.incoming = bucket('Incoming', {
      lifecycleRules: [
        { id: 'cleanup', ...cleanup },
        { id: 'incoming', prefix: 'incoming/', expiration: Duration.days(stage.incomingDays) },
        { id: 'quarantine', prefix: 'quarantine/', expiration: Duration.days(stage.quarantineDays) },
      ],
    });

    // Signed agreements, write-once: every version is locked for the stage's retention.
    this.archive = bucket('Archive', {
      objectLockDefaultRetention:
        stage.archiveLock.mode === 'COMPLIANCE'
          ? ObjectLockRetention.compliance(Duration.days(stage.archiveLock.days))
          : ObjectLockRetention.governance(Duration.days(stage.archiveLock.days)),
      lifecycleRules: [{ id: 'cleanup', abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
  }

  /**
   * The web app POSTs signed copies to the incoming bucket and activity-report attachments to the
   * documents bucket straight through presigned POST forms, from its own origin only. A form post
   * sends no header of its own: the browser's preflight (an upload with progress events) asks none.
   */
  allowUploadsFrom(origins: string[]): void {
    for (const bucket of [this.incoming, this.documents]) {
      bucket.addCorsRule({
        allowedMethods: [HttpMethods.POST],
        allowedOrigins: origins,
        maxAge: 3000,
      });
    }
  }
}
