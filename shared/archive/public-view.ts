import { NotFoundError } from '../errors.js';
import { isId } from '../ids.js';
import type { Archive } from '../ports/archive.js';
import type { ArchiveRecord } from './archive-record.js';

/** The record of an archived agreement, if `id` names one. */
export async function archiveRecordOf(archive: Archive, id: string): Promise<ArchiveRecord> {
  const record = isId(id) ? await archive.getArchive(id) : undefined;
  if (!record) throw new NotFoundError(`Archived agreement ${id}`);
  return record;
}

/** Public: what anyone holding the QR code may learn about an archived agreement. */
export async function publicView(archive: Archive, id: string) {
  const r = await archiveRecordOf(archive, id);
  return {
    agreementId: r.agreementId,
    documentType: r.documentType,
    category: r.category,
    title: r.title,
    ...(r.documentNumber ? { documentNumber: r.documentNumber } : {}),
    parties: r.parties,
    signedAt: r.signedAt,
    validFrom: r.validFrom,
    validUntil: r.validUntil ?? null,
    sha256: r.file.sha256,
    ...(r.uploaded ? { uploadedSha256: r.uploaded.sha256 } : {}),
    // The archive's copies without their storage keys: the seal and each renewal of its timestamp.
    copies: (r.copies ?? []).map(({ sha256, timestampedAt, timestampValidUntil }) => ({
      sha256,
      timestampedAt,
      timestampValidUntil,
    })),
    signatures: r.signatures,
  };
}
