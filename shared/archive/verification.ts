import { createHash } from 'node:crypto';
import type { ArchiveStore } from '../ports.js';
import { verifyPdfSignatures } from '../signing/verify.js';
import type { ArchiveService } from './archive-service.js';

export interface VerificationDeps {
  archive: ArchiveStore;
  records: ArchiveService;
  trustedRoots: () => Promise<string[]>;
}

/** Public verification: its own module because it alone needs the CMS verifier. */
export class Verification {
  constructor(private readonly deps: VerificationDeps) {}

  /** Whether a PDF is exactly an archived signed copy, and what its signatures say. */
  async verify(bytes: Uint8Array) {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const [agreementId, signatures] = await Promise.all([
      this.deps.archive.findArchiveByHash(sha256),
      verifyPdfSignatures(bytes, await this.deps.trustedRoots()),
    ]);
    return {
      sha256,
      matchesArchivedCopy: agreementId !== undefined,
      archived: agreementId ? await this.deps.records.publicView(agreementId) : null,
      signatures,
    };
  }
}
