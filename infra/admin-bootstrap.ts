import { parseArgs } from 'node:util';
import { CognitoAccounts } from '../shared/adapters/aws/cognito-accounts.js';
import { DynamoAdminLog } from '../shared/adapters/aws/dynamo-admin-log.js';
import { DynamoUnitRegistry } from '../shared/adapters/aws/dynamo-region.js';
import { DynamoUserStore } from '../shared/adapters/aws/dynamo-users.js';
import { Table } from '../shared/adapters/aws/table.js';
import { type User, userView } from '../shared/admin/user.js';
import { createFirstAdmin } from '../shared/admin/users.js';
import { ValidationError } from '../shared/errors.js';
import { systemClock } from '../shared/ports/clock.js';

export const USAGE =
  'Usage: USER_POOL_ID=… TABLE_NAME=… REGION_ID=… npm run admin:bootstrap -- --email <email> --name <name> --nip <18 digits> [--username <username>]';

/**
 * The deployment's first administrator, in the user pool (Cognito emails a temporary password) and in
 * the table, through the same invitation as every user: only while the region has no enabled admin.
 * Pool, table and region come from the stack's outputs (README, "The first admin user").
 */
export async function bootstrapAdmin(argv: string[], env: NodeJS.ProcessEnv): Promise<User> {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      nip: { type: 'string' },
      username: { type: 'string' },
    },
    strict: true,
  });
  const missing = ['USER_POOL_ID', 'TABLE_NAME', 'REGION_ID'].filter((name) => !env[name]);
  if (missing.length) throw new Error(`${missing.join(', ')} not set. ${USAGE}`);
  const table = new Table(env.TABLE_NAME as string);
  return createFirstAdmin(
    {
      log: new DynamoAdminLog(table),
      clock: systemClock,
      users: new DynamoUserStore(table),
      units: new DynamoUnitRegistry(table),
      accounts: new CognitoAccounts(env.USER_POOL_ID as string),
    },
    env.REGION_ID as string,
    values,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const admin = await bootstrapAdmin(process.argv.slice(2), process.env);
    console.log(JSON.stringify(userView(admin), null, 2));
    console.log(
      `Cognito emailed ${admin.email} a temporary password: sign in at the web app as ${admin.username}.`,
    );
  } catch (error) {
    const usage =
      error instanceof ValidationError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    const text =
      error instanceof ValidationError
        ? error.issues.map((i) => `--${i.path}: ${i.message.en}`).join('\n')
        : ((error as { text?: { en: string } }).text?.en ?? (error as Error).message);
    console.error(usage ? `${text}\n${USAGE}` : text);
    process.exit(usage ? 2 : 1);
  }
}
