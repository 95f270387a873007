import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { S3IngestionFiles } from '../../shared/adapters/aws/s3-ingestion-files.js';
import { Ingestion } from '../../shared/archive/ingestion.js';
import { IngestionFailures } from '../../shared/archive/ingestion-failures.js';
import { systemClock } from '../../shared/ports/clock.js';
import { agreements, archive, changeDeps, uploads } from './adapters.js';
import { trustedRoots } from './trust.js';
import { renewalMarginDays, sealDeps } from './trusted-time.js';

export const ingestionService = () =>
  new Ingestion({
    ...changeDeps(),
    agreements: agreements(),
    uploads: uploads(),
    archive: archive(),
    objects: new S3IngestionFiles(requireEnv('ARCHIVE_BUCKET')),
    trustedRoots,
    seal: sealDeps(),
    renewalMarginDays: renewalMarginDays(),
  });

export const ingestionFailures = () => new IngestionFailures({ uploads: uploads(), clock: systemClock });
