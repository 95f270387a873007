import { ulid } from 'ulid';
import { mustSee } from '../agreement/queries.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { say } from '../form/messages.js';
import { BIRO_ROLES, type Identity } from '../identity/identity.js';
import { isId } from '../ids.js';
import type { Agreements } from '../ports/agreements.js';
import type { Clock } from '../ports/clock.js';
import type { UploadForms } from '../ports/upload-forms.js';
import type { UploadRecord, UploadStore } from '../ports/uploads.js';
import { uploadTicket } from '../upload-ticket.js';
import { actorOf } from '../workflow/audit.js';
import { MAX_UPLOAD_BYTES } from './inspect-pdf.js';
import { uploadKey } from './upload-key.js';

export interface UploadDeps {
  agreements: Agreements;
  uploads: UploadStore;
  forms: UploadForms;
  clock: Clock;
  /** Read when an upload is requested: only that handler is configured with the bucket. */
  incomingBucket: () => string;
}

/** The Biro's uploads of signed copies: a presigned form to upload with, and the ingestion's verdict. */
export class Uploads {
  constructor(private readonly deps: UploadDeps) {}

  async request(agreementId: string, user: Identity) {
    const agreement = await mustSee(this.deps.agreements, agreementId, user);
    // The Biro uploads the copy signed on paper (or signed by the partner elsewhere).
    if (!BIRO_ROLES.includes(user.role)) {
      throw new ForbiddenError(
        say(
          'Hanya Biro yang dapat mengunggah naskah bertanda tangan',
          'Only the Biro may upload a signed copy',
        ),
      );
    }
    if (agreement.status !== 'ready_to_sign') {
      throw new ConflictError(
        `A signed copy can be uploaded only when the agreement is ready to sign; it is ${agreement.status}`,
      );
    }
    const uploadId = ulid();
    const now = this.deps.clock.now();
    const upload: UploadRecord = {
      uploadId,
      agreementId,
      bucket: this.deps.incomingBucket(),
      key: uploadKey(agreementId, uploadId),
      status: 'pending',
      createdAt: now.toISOString(),
      createdBy: actorOf(user),
    };
    await this.deps.uploads.putUpload(upload);
    // S3 itself refuses another key, another type, an empty file or one over the limit.
    const ticket = await uploadTicket(
      (binding) => this.deps.forms.post(upload.bucket, binding),
      { key: upload.key, contentType: 'application/pdf', minBytes: 1, maxBytes: MAX_UPLOAD_BYTES },
      now,
    );
    return { uploadId, ...ticket };
  }

  /** Accepted, quarantined or failed (with the reason), or still pending; seen by whoever may see the agreement. */
  async status(uploadId: string, user: Identity) {
    const upload = isId(uploadId) ? await this.deps.uploads.getUpload(uploadId) : undefined;
    if (!upload) throw new NotFoundError(`Upload ${uploadId}`);
    await mustSee(this.deps.agreements, upload.agreementId, user);
    const { bucket: _, ...visible } = upload;
    return visible;
  }
}
