import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { s3UploadForms } from '../../shared/adapters/aws/s3-upload-forms.js';
import { ActivityReporting } from '../../shared/evaluation/activities.js';
import { EvaluationService } from '../../shared/evaluation/evaluation-service.js';
import { Termination } from '../../shared/evaluation/termination.js';
import { systemClock } from '../../shared/ports/clock.js';
import { activityReports, agreements, changeDeps, evaluation } from './adapters.js';

export const evaluationService = () =>
  new EvaluationService({ evaluation: evaluation(), clock: systemClock });

export const activityReporting = () =>
  new ActivityReporting({
    ...changeDeps(),
    agreements: agreements(),
    activityReports: activityReports(),
    attachmentForm: (binding) => s3UploadForms.post(requireEnv('DOCUMENTS_BUCKET'), binding),
  });

export const termination = () => new Termination({ ...changeDeps(), agreements: agreements() });
