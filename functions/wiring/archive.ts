import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { s3UploadForms } from '../../shared/adapters/aws/s3-upload-forms.js';
import { ArchiveService } from '../../shared/archive/archive-service.js';
import { publicView } from '../../shared/archive/public-view.js';
import { Uploads } from '../../shared/archive/uploads.js';
import { Verification } from '../../shared/archive/verification.js';
import { systemClock } from '../../shared/ports/clock.js';
import { agreements, archive, archiveFiles, changeDeps, uploads } from './adapters.js';
import { trustedRoots } from './trust.js';

export const archiveService = () =>
  new ArchiveService({ ...changeDeps(), agreements: agreements(), archive: archive(), archiveFiles });

export const uploadsService = () =>
  new Uploads({
    agreements: agreements(),
    uploads: uploads(),
    forms: s3UploadForms,
    clock: systemClock,
    incomingBucket: () => requireEnv('INCOMING_BUCKET'),
  });

export const verification = () => new Verification({ archive: archive(), trustedRoots });

/** What a QR code opens: the public record of an archived agreement. */
export const archivedRecord = (id: string) => publicView(archive(), id);
