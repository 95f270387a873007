import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { calling } from './errors.js';

/**
 * A secret kept as an SSM Parameter Store SecureString (a remote signing service's client secret): read
 * and decrypted at the first signature of a container, never put in the function's environment.
 */
export async function secureParameter(name: string): Promise<string> {
  const client = new SSMClient({ maxAttempts: 3 });
  try {
    const { Parameter } = await calling('SSM', () =>
      client.send(new GetParameterCommand({ Name: name, WithDecryption: true })),
    );
    if (!Parameter?.Value) throw new Error(`SSM parameter ${name} has no value`);
    return Parameter.Value;
  } finally {
    client.destroy();
  }
}
