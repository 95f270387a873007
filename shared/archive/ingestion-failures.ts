import type { Clock } from '../ports/clock.js';
import type { UploadStore } from '../ports/uploads.js';
import { UPLOAD_KEY } from './upload-key.js';

/**
 * Ingestion that gave up on an object after every retry (a timeout, memory, an outage that lasted)
 * leaves its upload `failed` with why, instead of `pending` forever: the uploader sees it and may
 * upload again. Nothing else changes, and the object stays where it is for the operators.
 */
export class IngestionFailures {
  constructor(private readonly deps: { uploads: UploadStore; clock: Clock }) {}

  /** `failed` when this marked the upload, `decided` when it already had a verdict, `ignored` when unknown. */
  async record(key: string, reason: string): Promise<'failed' | 'decided' | 'ignored'> {
    const match = UPLOAD_KEY.exec(key);
    const upload = match ? await this.deps.uploads.getUpload(match[2] as string) : undefined;
    if (!upload || upload.key !== key) return 'ignored';
    const marked = await this.deps.uploads.failUpload(
      upload.uploadId,
      reason,
      this.deps.clock.now().toISOString(),
    );
    return marked ? 'failed' : 'decided';
  }
}
