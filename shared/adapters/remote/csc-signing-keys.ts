import { createHash } from 'node:crypto';
import * as z from 'zod';
import { ForbiddenError, ValidationError } from '../../errors.js';
import { say } from '../../form/messages.js';
import type { Identity } from '../../identity/identity.js';
import type { Signer, SignerOptions, SigningKeys } from '../../ports/signing.js';
import {
  assertClientAccepted,
  basicAuth,
  postJson,
  type ServiceAnswer,
  unavailable,
} from './json-service.js';

const SHA256 = '2.16.840.1.101.3.4.2.1';
const RSA = '1.2.840.113549.1.1.1';
const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const SERVICE = 'Layanan CSC / The CSC service';

export interface CscSettings {
  /** The service's base URL, up to and including its version (e.g. https://…/csc/v2). */
  url: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  /** The user's id at the service (the NIK an admin set), undefined when none is set. */
  userIdOf(user: Identity): Promise<string | undefined>;
}

const loginSchema = z.object({ access_token: z.string().min(1) });
const listSchema = z.object({ credentialIDs: z.array(z.string().min(1)) });
const infoSchema = z.object({
  key: z.object({ status: z.string(), algo: z.array(z.string()) }),
  cert: z.object({ status: z.string().optional(), certificates: z.array(z.string().min(1)).min(1) }),
});
const authorizeSchema = z.object({ SAD: z.string().min(1) });
const signHashSchema = z.object({ signatures: z.array(z.string().min(1)).length(1) });
const errorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

const describe = (answer: ServiceAnswer) => {
  const error = errorSchema.safeParse(answer.body);
  return error.success ? [error.data.error, error.data.error_description].filter(Boolean).join(': ') : '';
};

/**
 * Keys held by a remote signing service speaking the Cloud Signature Consortium API v2: only the hash
 * leaves us. `auth/login` (HTTP basic with our client id and secret) gives an access token;
 * `credentials/list` the user's credentials (`userID`: the NIK an admin set); `credentials/info` the
 * certificate chain of the first; at each signature `credentials/authorize` with the passphrase as PIN
 * gives the SAD for that one hash, and `signatures/signHash` signs it (RSA PKCS#1 v1.5, SHA-256).
 * A PIN the service refuses is a 400 naming `passphrase`; anything else it refuses, or no answer, a 503.
 */
export class CscSigningKeys implements SigningKeys {
  constructor(private readonly settings: CscSettings) {}

  private send(path: string, body: unknown, token?: string): Promise<ServiceAnswer> {
    return postJson(`${this.settings.url.replace(/\/+$/, '')}/${path}`, body, {
      service: SERVICE,
      timeoutMs: this.settings.timeoutMs,
      headers: token
        ? { authorization: `Bearer ${token}` }
        : basicAuth(this.settings.clientId, this.settings.clientSecret),
    });
  }

  /** The answer's data, or a 503 saying which call failed and what the service said. */
  private dataOf<T>(path: string, answer: ServiceAnswer, schema: z.ZodType<T>): T {
    assertClientAccepted(answer, SERVICE);
    const parsed = answer.status === 200 ? schema.safeParse(answer.body) : undefined;
    if (!parsed?.success) {
      const said = describe(answer);
      throw unavailable(
        SERVICE,
        `menjawab ${path} dengan HTTP ${answer.status}${said ? ` (${said})` : ''}`,
        `answered ${path} with HTTP ${answer.status}${said ? ` (${said})` : ''}`,
      );
    }
    return parsed.data;
  }

  private async call<T>(
    path: string,
    body: unknown,
    token: string | undefined,
    schema: z.ZodType<T>,
  ): Promise<T> {
    return this.dataOf(path, await this.send(path, body, token), schema);
  }

  async signerFor(user: Identity, options: SignerOptions = {}): Promise<Signer> {
    const userID = await this.settings.userIdOf(user);
    if (!userID) {
      throw new ForbiddenError(
        say(
          'Belum ada NIK untuk tanda tangan jarak jauh pengguna ini; minta admin mengisinya',
          'No NIK is set for this user to sign remotely; ask an admin to set it',
        ),
      );
    }
    const { access_token: token } = await this.call('auth/login', {}, undefined, loginSchema);
    const { credentialIDs } = await this.call(
      'credentials/list',
      { userID, onlyValid: true },
      token,
      listSchema,
    );
    const credentialID = credentialIDs[0];
    if (!credentialID) {
      throw new ForbiddenError(
        say(
          `Layanan CSC tidak memiliki kredensial aktif untuk NIK ${userID}`,
          `The CSC service holds no valid credential for NIK ${userID}`,
        ),
      );
    }
    const info = await this.call(
      'credentials/info',
      { credentialID, certificates: 'chain', certInfo: true, authInfo: true },
      token,
      infoSchema,
    );
    if (
      info.key.status !== 'enabled' ||
      !info.key.algo.some((oid) => oid === RSA || oid === SHA256_WITH_RSA)
    ) {
      throw unavailable(
        SERVICE,
        `memberi kredensial ${credentialID} yang bukan kunci RSA aktif`,
        `gave credential ${credentialID}, which is not an enabled RSA key`,
      );
    }
    const [certificate, ...chain] = info.cert.certificates.map(
      (b64) => new Uint8Array(Buffer.from(b64, 'base64')),
    );
    return {
      certificate: certificate as Uint8Array,
      certificateChain: chain,
      keyType: 'RSA',
      signatureAlgorithm: 'RSASSA-PKCS1-v1_5',
      sign: async (data, algorithm) => {
        if (algorithm !== 'SHA-256')
          throw new Error(`CSC credentials here sign SHA-256 hashes, not ${algorithm}`);
        const hashes = [createHash('sha256').update(data).digest('base64')];
        const authorized = await this.send(
          'credentials/authorize',
          { credentialID, numSignatures: 1, hashes, hashAlgorithmOID: SHA256, PIN: options.passphrase ?? '' },
          token,
        );
        // The PIN is all the signer gave this call: the service's refusal of it is theirs to fix.
        if (authorized.status === 400) {
          throw new ValidationError([
            {
              path: 'passphrase',
              message: say(
                `passphrase ditolak layanan (${describe(authorized)}); tidak ada yang ditandatangani`,
                `the service refused the passphrase (${describe(authorized)}); nothing was signed`,
              ),
            },
          ]);
        }
        const { SAD } = this.dataOf('credentials/authorize', authorized, authorizeSchema);
        const { signatures } = await this.call(
          'signatures/signHash',
          { credentialID, SAD, hashes, hashAlgorithmOID: SHA256, signAlgo: RSA },
          token,
          signHashSchema,
        );
        return new Uint8Array(Buffer.from(signatures[0] as string, 'base64'));
      },
    };
  }
}
