import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * SDK clients made on first use, so that the embedded stack can set endpoints in the environment
 * first and a Lambda reuses them across invocations. Endpoints and checksum modes come from the
 * standard AWS_* environment variables.
 */
let documentClient: DynamoDBDocumentClient | undefined;
let s3: S3Client | undefined;

export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 3 }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export function s3Client(): S3Client {
  s3 ??= new S3Client({ forcePathStyle: process.env.AWS_S3_FORCE_PATH_STYLE === 'true', maxAttempts: 3 });
  return s3;
}

/** Drops the clients, so that the next use reads the endpoints again (a restarted embedded stack). */
export function forgetClients(): void {
  documentClient?.destroy();
  s3?.destroy();
  documentClient = undefined;
  s3 = undefined;
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}
