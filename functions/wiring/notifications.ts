import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { SesMailer } from '../../shared/adapters/aws/ses-mailer.js';
import { storeDirectory } from '../../shared/admin/directory.js';
import { deliver } from '../../shared/notifications/deliver.js';
import type { OutboxMessage } from '../../shared/ports/outbox.js';
import { once } from './adapters.js';
import { regionId } from './admin.js';
import { users } from './identity.js';

const directory = /* @__PURE__ */ once(() => storeDirectory(users(), regionId()));
const mailer = /* @__PURE__ */ once(() => new SesMailer(requireEnv('SENDER_EMAIL')));

/** Sends one outbox message to the enabled holders of its role, as the user store has them, through SES. */
export const notify = (message: OutboxMessage): Promise<number> => deliver(message, directory(), mailer());
