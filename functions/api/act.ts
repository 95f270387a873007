import { authenticated, json, jsonBody, pathId } from '../http.js';
import { workflowService } from '../wiring/workflow.js';

/** POST /api/agreements/{id}/actions with { action, version, comment?, article?, letter? } */
export const handler = authenticated(async (event, user) => {
  const { agreement, event: audit } = await workflowService().act(pathId(event), user, jsonBody(event));
  return json(200, {
    id: agreement.id,
    status: agreement.status,
    workflow: agreement.workflow,
    event: audit,
  });
});
