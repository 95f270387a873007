import { ValidationError } from '../errors.js';
import { say } from '../form/messages.js';
import { sha256 } from '../hash.js';
import { PdfLimitError } from '../pdf/objects.js';
import type { Archive } from '../ports/archive.js';
import type { TrustedRoots } from '../ports/signing.js';
import { type SignatureCheck, verifyPdfSignatures } from '../signing/verify.js';
import { publicView } from './public-view.js';

export interface VerificationDeps {
  archive: Archive;
  trustedRoots: TrustedRoots;
}

/** Public verification: its own module because it alone needs the CMS verifier. */
export class Verification {
  constructor(private readonly deps: VerificationDeps) {}

  /**
   * Whether a PDF is exactly an archived signed copy, and what its signatures say (each with its
   * coverage). A file that asks for more work than any agreement needs (too many signatures, a
   * decompression bomb) is a 400 naming why, not gigabytes of memory.
   */
  async verify(bytes: Uint8Array) {
    const hash = sha256(bytes);
    const [agreementId, signatures] = await Promise.all([
      this.deps.archive.findArchiveByHash(hash),
      this.signatures(bytes),
    ]);
    return {
      sha256: hash,
      matchesArchivedCopy: agreementId !== undefined,
      archived: agreementId ? await publicView(this.deps.archive, agreementId) : null,
      signatures,
    };
  }

  private async signatures(bytes: Uint8Array): Promise<SignatureCheck[]> {
    try {
      return await verifyPdfSignatures(bytes, await this.deps.trustedRoots());
    } catch (error) {
      if (!(error instanceof PdfLimitError)) throw error;
      throw new ValidationError([
        {
          path: 'body',
          message: say(
            'PDF ini tidak dapat diperiksa karena melampaui batas pemeriksaan',
            `The PDF cannot be checked: ${error.message}`,
          ),
        },
      ]);
    }
  }
}
