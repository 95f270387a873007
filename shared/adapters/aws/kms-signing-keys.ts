import { createHash } from 'node:crypto';
import { KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { ForbiddenError } from '../../errors.js';
import { say } from '../../form/messages.js';
import type { Identity } from '../../identity/identity.js';
import type { Signer, SigningKeys } from '../../ports/signing.js';
import { pemToDer } from '../../signing/pem.js';
import { calling } from './errors.js';
import type { Table } from './table.js';
import { signatoryKey } from './table-items.js';

/** A signatory's KMS key and the certificate issued for it, kept in the table beside the agreements. */
export interface SignatoryKey {
  keyId: string;
  certificatePem: string;
  chainPem: string[];
}

/**
 * Signing keys in AWS KMS, one asymmetric RSA key per signatory: only the SHA-256 digest of the
 * signed attributes leaves the process, and the private key never leaves KMS.
 */
export class KmsSigningKeys implements SigningKeys {
  private readonly kms = new KMSClient({});

  constructor(private readonly table: Table) {}

  async signerFor(user: Identity): Promise<Signer> {
    const key = (await this.table.get(signatoryKey(user.sub))) as SignatoryKey | undefined;
    if (!key) {
      throw new ForbiddenError(
        say(
          'Belum ada kunci tanda tangan untuk pengguna ini; hubungi admin',
          'There is no signing key for this user yet; ask an admin',
        ),
      );
    }
    return {
      certificate: pemToDer(key.certificatePem),
      certificateChain: key.chainPem.map(pemToDer),
      keyType: 'RSA',
      signatureAlgorithm: 'RSASSA-PKCS1-v1_5',
      sign: async (data, algorithm) => {
        if (algorithm !== 'SHA-256') throw new Error(`KMS keys here sign SHA-256 digests, not ${algorithm}`);
        const digest = createHash('sha256').update(data).digest();
        const signed = await calling('KMS', () =>
          this.kms.send(
            new SignCommand({
              KeyId: key.keyId,
              Message: digest,
              MessageType: 'DIGEST',
              SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
            }),
          ),
        );
        if (!signed.Signature) throw new Error('KMS returned no signature');
        return signed.Signature;
      },
    };
  }
}
