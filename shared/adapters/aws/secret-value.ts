import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { calling } from './errors.js';

/**
 * A secret kept in AWS Secrets Manager (a remote signing service's client secret): read at the first
 * signature of a container, never put in the function's environment.
 */
export async function secretValue(secretId: string): Promise<string> {
  const client = new SecretsManagerClient({ maxAttempts: 3 });
  try {
    const { SecretString } = await calling('Secrets Manager', () =>
      client.send(new GetSecretValueCommand({ SecretId: secretId })),
    );
    if (!SecretString) throw new Error(`secret ${secretId} holds no string`);
    return SecretString;
  } finally {
    client.destroy();
  }
}
