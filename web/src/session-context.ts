import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Bilingual } from '../../shared/form/messages.js';
import type { Identity } from '../../shared/identity/identity.js';
import type { AuthConfig } from './auth/config.js';
import type { RegionProfile } from './types.js';

export interface SessionState {
  /** The signed-in user as the API resolves them now (GET /api/me), not as the token was issued. */
  user: Identity | undefined;
  auth: AuthConfig;
  /** The region's profile, for every signed-in user; absent until loaded, or before setup. */
  region: RegionProfile | undefined;
  reloadRegion(): void;
  /** Why the last session ended, when the API said so (e.g. the account was disabled). */
  ended: Bilingual | undefined;
  signIn(token: string): void;
  signOut(reason?: Bilingual): void;
}

export const SessionContext = createContext<SessionState>({
  user: undefined,
  auth: { mode: 'dev' },
  region: undefined,
  reloadRegion: () => {},
  ended: undefined,
  signIn: () => {},
  signOut: () => {},
});

export const useSession = () => useContext(SessionContext);

/** The signed-in user, for pages that render only when someone is signed in. */
export function useUser(): Identity {
  const { user } = useSession();
  if (!user) throw new Error('no user is signed in');
  return user;
}
