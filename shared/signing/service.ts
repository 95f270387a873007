import * as z from 'zod';
import { documentToSign, signatureBoxesOf } from '../agreement/agreement.js';
import { attemptId } from '../attempt.js';
import { ConflictError, ValidationError } from '../errors.js';
import { say } from '../form/messages.js';
import { parse } from '../form/parse.js';
import { sha256 } from '../hash.js';
import type { Identity } from '../identity/identity.js';
import type { RevocationFetcher } from '../ports/revocation.js';
import type { SigningTransport } from '../ports/signing.js';
import type { TimestampAuthority } from '../ports/timestamps.js';
import { type TransitionDeps, type Transitioned, transition } from '../workflow/transition.js';
import { signPdf } from './pades.js';
import { signPdfRemotely } from './remote-document.js';

/**
 * POST /api/agreements/{id}/sign. `passphrase`: what unlocks the signer's keys at a remote signing
 * service, typed at each signature; it is handed to the service and never stored or logged.
 */
export const signRequestSchema = z.object({
  version: z.number().int().min(1),
  passphrase: z.string().min(1).max(256).optional(),
});

const passphraseMissing = say(
  'wajib diisi: kunci tanda tangan Anda disimpan oleh layanan tanda tangan jarak jauh yang meminta passphrase Anda',
  'is required: your signing keys are held by a remote signing service that asks for your passphrase',
);

export interface SigningDeps extends TransitionDeps {
  /** A Signer over the hash (local CA, KMS, CSC) or a service that signs the whole PDF (BSrE). */
  transport: SigningTransport;
  /** Trusted time for every signature (B-T); no answer, no signature. */
  timestamps: TimestampAuthority;
  /** Revocation status of the signer's chain, asked before signing and embedded (B-LT). */
  revocation: RevocationFetcher;
  /** Where the public verification page lives, for the QR code in signature blocks. */
  publicBaseUrl: string;
}

/** Digital signing at a route's signing step; a module of its own so that other handlers stay light. */
export class SigningService {
  constructor(private readonly deps: SigningDeps) {}

  /**
   * Signs the agreement as the holder of an open signing step: the PDF as signed so far receives this
   * user's PAdES signature with its timestamp, is stored as a new file, and the step closes in the
   * same transition. When no timestamp authority answers, nothing is stored and the step stays open.
   */
  async sign(id: string, user: Identity, body: unknown): Promise<Transitioned> {
    const { version: read, passphrase } = parse(signRequestSchema, body);
    const { transport } = this.deps;
    if (transport.passphrase && !passphrase) {
      throw new ValidationError([{ path: 'passphrase', message: passphraseMissing }]);
    }
    return transition(this.deps, id, user, { action: 'sign', version: read }, async (context) => {
      const { agreement, version, at, capacity } = context;
      const current = documentToSign(agreement, version);
      const box = signatureBoxesOf(agreement, version)[0];
      if (!box) throw new ConflictError(`Version ${version.version} has no signature box for the region`);
      const count = (agreement.signedDocument?.signatures ?? 0) + 1;
      const common = {
        revocation: this.deps.revocation,
        visible: {
          box,
          name: user.name,
          capacity,
          verificationUrl: `${this.deps.publicBaseUrl}/verify/${agreement.id}`,
        },
        reason: `Penandatanganan ${agreement.documentType} / Signing of the ${agreement.documentType}`,
        location: agreement.initiatingUnit.name,
        signingTime: new Date(at),
      };
      const bytes = await this.deps.files.get(current.key);
      const signed =
        transport.kind === 'document'
          ? await signPdfRemotely(bytes, {
              ...common,
              signer: transport.signer,
              user,
              passphrase: passphrase as string,
              trustedRoots: transport.trustedRoots,
            })
          : await signPdf(bytes, {
              ...common,
              signer: await transport.keys.signerFor(user, passphrase ? { passphrase } : {}),
              timestamps: this.deps.timestamps,
              fieldName: `region-${count}`,
            });
      // Two signers at the same moment (a double click) each write their own object; the loser's goes.
      const name = `v${version.version}-${count}.pdf`;
      const key = `agreements/${agreement.id}/signed/${attemptId()}/${name}`;
      await this.deps.files.put(key, signed, 'application/pdf');
      const file = { key, contentType: 'application/pdf', size: signed.byteLength, sha256: sha256(signed) };
      return {
        attachment: { key, sha256: file.sha256, name },
        patch: { signedDocument: { ...file, signatures: count } },
        files: [key],
      };
    });
  }
}
