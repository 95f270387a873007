import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/routes.js';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { apiAs } from './support/api.js';
import { useEmbeddedStack } from './support/stack.js';

const stack = useEmbeddedStack();

/** Every administration route, with its path parameters filled in with something plausible. */
const adminRoutes = ROUTES.filter((r) => r.path.startsWith('/api/admin/')).map((r) => ({
  ...r,
  url: r.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'code' ? 'DISDIK' : 'u-admin')),
}));
const others = DEMO_USERS.filter((u) => u.role !== 'admin');

describe('the administration routes', () => {
  it('are there to check', () => {
    expect(adminRoutes.length).toBeGreaterThan(0);
    expect(new Set(others.map((u) => u.role)).size).toBe(7);
  });

  // The whole matrix: a route added later is checked for every other role without writing a test.
  it.each(adminRoutes.flatMap((route) => others.map((user) => ({ route, user }))))(
    '$route.method $route.path is refused to $user.role ($user.username)',
    async ({ route, user }) => {
      const res = await apiAs(stack, user.username)(
        route.method,
        route.url,
        route.method === 'GET' ? undefined : {},
      );
      expect(res.status, JSON.stringify(res.json)).toBe(403);
    },
  );
});
