import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/stack.js';
import { NIP } from '../../shared/admin/user.js';

const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'seed-'));
  folders.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const devUsers = async (stack: EmbeddedStack) =>
  (
    (await fetch(`${stack.baseUrl}/api/auth/dev-users`).then((r) => r.json())) as {
      users: { username: string }[];
    }
  ).users;

async function asAdmin(stack: EmbeddedStack, method: string, path: string, body?: unknown) {
  const admin = DEMO_USERS.find((u) => u.role === 'admin');
  if (!admin) throw new Error('no admin');
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await stack.auth.issue(admin)}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: await res.json() };
}

/** Runs `test` on a stack over `dataDir`, stopping it after. */
async function withStack(
  options: { dataDir: string; empty?: boolean },
  test: (stack: EmbeddedStack) => Promise<void>,
) {
  const stack = await startEmbeddedStack({ ...options, port: 0 });
  try {
    await test(stack);
  } finally {
    await stack.stop();
  }
}

describe('the demo region’s seed', () => {
  it('is applied on first start, once: a restart neither duplicates nor undoes an admin’s change', async () => {
    const dataDir = folder();
    await withStack({ dataDir }, async (stack) => {
      expect((await devUsers(stack)).map((u) => u.username).sort()).toEqual(
        DEMO_USERS.map((u) => u.username).sort(),
      );
      const listed = await asAdmin(stack, 'GET', '/api/admin/users?limit=100');
      expect(listed.json.items).toHaveLength(DEMO_USERS.length);
      for (const user of listed.json.items) expect(user.nip, user.username).toMatch(NIP);
      const changed = await asAdmin(stack, 'PATCH', '/api/admin/users/u-evaluator', { enabled: false });
      expect(changed.status).toBe(200);
    });
    await withStack({ dataDir }, async (stack) => {
      const listed = await asAdmin(stack, 'GET', '/api/admin/users?limit=100');
      expect(listed.json.items).toHaveLength(DEMO_USERS.length);
      expect(listed.json.items.find((u: { id: string }) => u.id === 'u-evaluator').enabled).toBe(false);
      expect((await devUsers(stack)).map((u) => u.username)).not.toContain('evaluator');
    });
  }, 180_000);

  it('is left out of a folder started empty, then and afterwards', async () => {
    const dataDir = folder();
    await withStack({ dataDir, empty: true }, async (stack) => {
      expect(await devUsers(stack)).toEqual([]);
      const login = await fetch(`${stack.baseUrl}/api/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin' }),
      });
      expect(login.status).toBe(400);
      // A token of a demo user names nobody here.
      expect((await asAdmin(stack, 'GET', '/api/me')).status).toBe(401);
    });
    await withStack({ dataDir }, async (stack) => {
      expect(await devUsers(stack)).toEqual([]);
    });
  }, 180_000);
});
