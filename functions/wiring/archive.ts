import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { s3UploadForms } from '../../shared/adapters/aws/s3-upload-forms.js';
import { httpRevocationFetcher } from '../../shared/adapters/http-revocation.js';
import { ArchiveService } from '../../shared/archive/archive-service.js';
import { Uploads } from '../../shared/archive/uploads.js';
import { Verification } from '../../shared/archive/verification.js';
import { systemClock } from '../../shared/ports/clock.js';
import { agreements, archive, archiveFiles, changeDeps, uploads, verificationReports } from './adapters.js';
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

export const verification = () =>
  new Verification({
    archive: archive(),
    archiveFiles,
    reports: verificationReports(),
    trustedRoots,
    clock: systemClock,
    fetcher: httpRevocationFetcher,
  });
