import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { CognitoDirectory } from '../../shared/adapters/aws/cognito-directory.js';
import { SesMailer } from '../../shared/adapters/aws/ses-mailer.js';
import { deliver } from '../../shared/notifications/deliver.js';
import type { OutboxMessage } from '../../shared/ports/outbox.js';
import { once } from './adapters.js';

const directory = /* @__PURE__ */ once(() => new CognitoDirectory(requireEnv('USER_POOL_ID')));
const mailer = /* @__PURE__ */ once(() => new SesMailer(requireEnv('SENDER_EMAIL')));

/** Sends one outbox message to the holders of its role, through Cognito's directory and SES. */
export const notify = (message: OutboxMessage): Promise<number> => deliver(message, directory(), mailer());
