import { afterAll, beforeAll } from 'vitest';
import { DEMO_USERS } from '../../../infra/local/demo-users.js';
import { type EmbeddedStack, startEmbeddedStack } from '../../../infra/local/stack.js';
import type { Identity } from '../../../shared/identity/identity.js';

export interface StackHandle {
  baseUrl: string;
  env: Record<string, string>;
  /** A token for a stored user (a demo user, or one a test created), as POST /api/auth/dev-login issues it. */
  token(username: string, expiresIn?: string | number): Promise<string>;
}

export interface EmbeddedStackHandle extends StackHandle {
  /** A validly signed token for any identity, stored or not (what a stale or foreign token is). */
  tokenOf(identity: Identity): Promise<string>;
}

/**
 * One embedded stack per test file: in-memory DynamoDB, a throwaway S3 folder, a free port, the demo
 * region seeded.
 */
export function useEmbeddedStack(): EmbeddedStackHandle {
  let stack: EmbeddedStack | undefined;
  const handle: EmbeddedStackHandle = {
    baseUrl: '',
    env: {},
    async token(username, expiresIn) {
      if (!stack) throw new Error('the stack has not started');
      const user = DEMO_USERS.find((u) => u.username === username);
      if (user) return stack.auth.issue(user, expiresIn);
      const res = await fetch(`${stack.baseUrl}/api/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username }),
      });
      if (res.status !== 200) throw new Error(`dev-login as ${username}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    async tokenOf(identity) {
      if (!stack) throw new Error('the stack has not started');
      return stack.auth.issue(identity);
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
