import { afterAll, beforeAll } from 'vitest';
import { type EmbeddedStack, startEmbeddedStack } from '../../../infra/local/stack.js';

/** One embedded stack per test file: in-memory DynamoDB, a throwaway S3 folder, a free port. */
export function useEmbeddedStack(): { baseUrl: string; env: Record<string, string> } {
  const handle = { baseUrl: '', env: {} as Record<string, string> };
  let stack: EmbeddedStack | undefined;
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
