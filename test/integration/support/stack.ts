import { afterAll, beforeAll } from 'vitest';
import { DEMO_USERS } from '../../../infra/local/demo-users.js';
import { type EmbeddedStack, startEmbeddedStack } from '../../../infra/local/stack.js';

export interface StackHandle {
  baseUrl: string;
  env: Record<string, string>;
  /** A token for a demo user, as POST /api/auth/dev-login issues it. */
  token(username: string, expiresIn?: string | number): Promise<string>;
}

/** One embedded stack per test file: in-memory DynamoDB, a throwaway S3 folder, a free port. */
export function useEmbeddedStack(): StackHandle {
  let stack: EmbeddedStack | undefined;
  const handle: StackHandle = {
    baseUrl: '',
    env: {},
    async token(username, expiresIn) {
      const user = DEMO_USERS.find((u) => u.username === username);
      if (!user || !stack) throw new Error(`no demo user ${username}`);
      return stack.auth.issue(user, expiresIn);
    },
  };
  beforeAll(async () => {
    stack = await startEmbeddedStack({ inMemory: true, port: 0 });
    handle.baseUrl = stack.baseUrl;
    handle.env = stack.env;
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });
  return handle;
}
