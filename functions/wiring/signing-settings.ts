import * as z from 'zod';

const transportSchema = z.enum(['local', 'kms', 'bsre', 'csc']);
export type SigningTransportName = z.infer<typeof transportSchema>;

/**
 * Which transport signs: SIGNING_TRANSPORT (local, kms, bsre, csc), by default the local certificate
 * authority where the embedded stack names its folder (LOCAL_CA_DIR) and AWS KMS otherwise. Kept apart
 * from signing.ts so that GET /api/me can say whether signing asks for a passphrase without loading it.
 */
export function signingTransportName(): SigningTransportName {
  const named = process.env.SIGNING_TRANSPORT?.trim();
  if (named) {
    const parsed = transportSchema.safeParse(named);
    if (!parsed.success)
      throw new Error(`SIGNING_TRANSPORT must be one of ${transportSchema.options.join(', ')}`);
    return parsed.data;
  }
  return process.env.LOCAL_CA_DIR ? 'local' : 'kms';
}

/** Remote services unlock the signer's keys with a passphrase typed at each signature. */
export const signingAsksPassphrase = (): boolean => {
  const name = signingTransportName();
  return name === 'bsre' || name === 'csc';
};
