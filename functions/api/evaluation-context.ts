import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { DynamoEvaluationStore } from '../../shared/adapters/aws/dynamo-evaluation-store.js';
import { s3UploadForms } from '../../shared/adapters/aws/s3-upload-forms.js';
import { EvaluationService } from '../../shared/evaluation/evaluation-service.js';
import { systemClock } from '../../shared/ports.js';
import { cloudAdapters } from './context.js';

let store: DynamoEvaluationStore | undefined;
export const evaluationStore = () => {
  store ??= new DynamoEvaluationStore(requireEnv('TABLE_NAME'));
  return store;
};

export const evaluationService = () =>
  new EvaluationService({
    ...cloudAdapters(),
    evaluation: evaluationStore(),
    attachmentForm: (binding) => s3UploadForms.post(requireEnv('DOCUMENTS_BUCKET'), binding),
    clock: systemClock,
  });
