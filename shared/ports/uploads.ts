import type { Role } from '../identity/identity.js';

/**
 * A signed copy uploaded through a presigned form, until ingestion accepts or quarantines it, or
 * fails to check it after every retry (then `failed`, with why: the uploader may try again).
 */
export interface UploadRecord {
  uploadId: string;
  agreementId: string;
  bucket: string;
  key: string;
  status: 'pending' | 'accepted' | 'quarantined' | 'failed';
  reason?: string;
  createdAt: string;
  createdBy: { sub: string; name: string; role: Role; unit?: string };
  decidedAt?: string;
  sha256?: string;
}

/** Uploads and their verdicts; acceptance is written with the archive record (AgreementChanges). */
export interface UploadStore {
  putUpload(upload: UploadRecord): Promise<void>;
  getUpload(uploadId: string): Promise<UploadRecord | undefined>;
  /** Marks a pending upload quarantined; false when it was already decided (a repeated event). */
  quarantineUpload(uploadId: string, reason: string, at: string): Promise<boolean>;
  /** Marks a pending upload failed (ingestion gave up on it); false when it was already decided. */
  failUpload(uploadId: string, reason: string, at: string): Promise<boolean>;
}
