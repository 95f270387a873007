import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Identity } from '../../shared/identity/identity.js';
import type { AuthConfig } from './auth/config.js';

export interface SessionState {
  user: Identity | undefined;
  auth: AuthConfig;
  signIn(token: string): void;
  signOut(): void;
}

export const SessionContext = createContext<SessionState>({
  user: undefined,
  auth: { mode: 'dev' },
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
