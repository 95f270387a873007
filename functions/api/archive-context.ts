import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { S3FileStore } from '../../shared/adapters/aws/s3-file-store.js';
import { ArchiveService } from '../../shared/archive/archive-service.js';
import { systemClock } from '../../shared/ports.js';
import { cloudAdapters } from './context.js';

export const archiveService = () =>
  new ArchiveService({
    ...cloudAdapters(),
    archiveFiles: () => new S3FileStore(requireEnv('ARCHIVE_BUCKET')),
    clock: systemClock,
  });
