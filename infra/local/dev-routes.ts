import { authenticated, json } from '../../functions/http.js';
import { say } from '../../shared/form/messages.js';
import { isUnitRole } from '../../shared/identity/identity.js';
import type { OutboxMessage } from '../../shared/ports/outbox.js';
import type { LocalAuth } from './auth.js';
import { DEMO_USERS } from './demo-users.js';
import type { LocalRoute } from './http-adapter.js';

/** Sign-in for the demo users: exists only on the embedded stack (Cognito's hosted UI in the cloud). */
export function devAuthRoutes(auth: LocalAuth): LocalRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/auth/dev-users',
      public: true,
      handle: async () =>
        json(200, {
          users: DEMO_USERS.map(({ username, name, role, unit }) => ({
            username,
            name,
            role,
            ...(unit ? { unit } : {}),
          })),
        }),
    },
    {
      method: 'POST',
      path: '/api/auth/dev-login',
      public: true,
      handle: async (event) => {
        let username: unknown;
        try {
          username = (JSON.parse(event.body ?? '{}') as { username?: unknown }).username;
        } catch {
          username = undefined;
        }
        const user = DEMO_USERS.find((u) => u.username === username);
        if (!user) {
          return json(400, {
            error: 'bad_request',
            message: say(
              'Kirim {"username"} salah satu pengguna dari GET /api/auth/dev-users',
              'Send {"username"} of one of the users from GET /api/auth/dev-users',
            ),
          });
        }
        return json(200, { token: await auth.issue(user), user });
      },
    },
  ];
}

/**
 * GET /api/outbox: the notifications the embedded stack would have emailed, newest first: only the
 * signed-in user's own mail, as a mailbox would hold it (their role, and their unit for OPD roles).
 * Admins included: in the cloud nobody reads another person's mail through the system.
 */
export function outboxRoute(
  list: (limit: number, to: OutboxMessage['to']) => Promise<OutboxMessage[]>,
): LocalRoute {
  return {
    method: 'GET',
    path: '/api/outbox',
    handle: authenticated(async (event, user) => {
      const limit = Math.min(Math.max(Number(event.queryStringParameters?.limit ?? 100) || 100, 1), 500);
      const to = { role: user.role, ...(isUnitRole(user.role) && user.unit ? { unit: user.unit } : {}) };
      const messages = await list(limit, to);
      return json(200, {
        items: messages.map((m) => ({
          ...m,
          recipients: DEMO_USERS.filter(
            (u) => u.role === m.to.role && (!m.to.unit || u.unit === m.to.unit),
          ).map((u) => u.email),
        })),
      });
    }),
  };
}
