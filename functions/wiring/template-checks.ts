import { S3StoredObjects } from '../../shared/adapters/aws/s3-ingestion-files.js';
import { systemClock } from '../../shared/ports/clock.js';
import { TemplateChecks } from '../../shared/template-library/checks.js';
import { documents } from './adapters.js';
import { templateCatalog, templateStore } from './templates.js';

/** The check of uploaded template files: only ValidateTemplate carries the YAML parser and the renderers. */
export const templateChecks = () =>
  new TemplateChecks({
    store: templateStore(),
    catalog: templateCatalog(),
    uploaded: new S3StoredObjects(),
    files: documents(),
    clock: systemClock,
  });
