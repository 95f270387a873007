import { identityFromClaims } from '../../../shared/identity/claims.js';
import type { Identity } from '../../../shared/identity/identity.js';

/** The signed-in user: the ID token and who it names. */
export interface Session {
  token: string;
  user: Identity;
  /** Seconds since the epoch, from the token. */
  expiresAt: number;
}

const KEY = 'kerjasama.session';

/** The payload of a JWT, unverified: the API verifies it; the app only reads who is signed in. */
function payloadOf(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
}

/** The session for an ID token with Cognito's claims (the embedded stack issues the same ones). */
export function sessionFromToken(token: string): Session | undefined {
  try {
    const claims = payloadOf(token);
    const user = identityFromClaims(claims);
    return user ? { token, user, expiresAt: Number(claims.exp ?? 0) } : undefined;
  } catch {
    return undefined;
  }
}

export function loadSession(): Session | undefined {
  const raw = localStorage.getItem(KEY);
  const session = raw ? sessionFromToken(raw) : undefined;
  return session && session.expiresAt * 1000 > Date.now() ? session : undefined;
}

export function storeSession(session: Session | undefined): void {
  if (session) localStorage.setItem(KEY, session.token);
  else localStorage.removeItem(KEY);
}
