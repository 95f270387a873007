import { api } from '../api.js';

/** A demo user of the embedded stack (GET /api/auth/dev-users). */
export interface DevUser {
  username: string;
  name: string;
  role: string;
  unit?: string;
}

export const devUsers = async () => (await api<{ users: DevUser[] }>('GET', '/api/auth/dev-users')).users;

/** POST /api/auth/dev-login: a token with the same claims Cognito would issue. */
export const devLogin = async (username: string) =>
  (await api<{ token: string }>('POST', '/api/auth/dev-login', { username })).token;
