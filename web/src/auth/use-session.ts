import { useEffect, useRef, useState } from 'preact/hooks';
import { identityOfUser, type User } from '../../../shared/admin/user.js';
import type { Bilingual } from '../../../shared/form/messages.js';
import type { Identity } from '../../../shared/identity/identity.js';
import { ApiError, api, configureApi } from '../api.js';
import { homeOf } from '../permissions.js';
import { fetchRegion } from '../region.js';
import { navigate } from '../router.js';
import type { SessionState } from '../session-context.js';
import type { RegionProfile } from '../types.js';
import type { AuthConfig } from './config.js';
import { loadToken, storeToken } from './session.js';

export interface SignedIn extends SessionState {
  /** A token is held and GET /api/me has not answered yet. */
  checking: boolean;
  /** Why GET /api/me failed other than by refusing the user (e.g. the API is unavailable). */
  error: unknown;
  retry(): void;
}

/**
 * Who is signed in: the token proves it, GET /api/me says what the user may do now. A user the API
 * refuses (401, 403: disabled, or gone) is signed out with the API's reason.
 */
export function useSignedIn(auth: AuthConfig): SignedIn {
  const [token, setToken] = useState(loadToken);
  const [user, setUser] = useState<Identity>();
  const [region, setRegion] = useState<RegionProfile>();
  const [ended, setEnded] = useState<Bilingual>();
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  /** Set by signing in: the user's home page opens once the API says who they are. */
  const landing = useRef(false);

  const signOut = (reason?: Bilingual) => {
    storeToken(undefined);
    setToken(undefined);
    setUser(undefined);
    setRegion(undefined);
    setEnded(reason);
    navigate('/', true);
  };
  configureApi(token, (e) => signOut(e.text));

  useEffect(() => {
    if (!token) return;
    let current = true;
    setError(undefined);
    api<User>('GET', '/api/me').then(
      (stored) => {
        if (!current) return;
        const me = identityOfUser(stored);
        setUser(me);
        if (landing.current) navigate(homeOf(me), true);
        landing.current = false;
      },
      (e: unknown) => {
        if (!current) return;
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) signOut(e.text);
        else setError(e);
      },
    );
    return () => {
      current = false;
    };
  }, [token, attempt]);

  const loadRegion = () =>
    fetchRegion().then(
      setRegion,
      // The header and the form's defaults do without it; the region page shows its own error.
      () => setRegion(undefined),
    );
  useEffect(() => {
    if (user) loadRegion();
  }, [user?.sub]);

  return {
    user,
    auth,
    region,
    reloadRegion: loadRegion,
    ended,
    checking: token !== undefined && user === undefined,
    error,
    retry: () => setAttempt((n) => n + 1),
    signIn(next) {
      storeToken(next);
      landing.current = true;
      setEnded(undefined);
      setToken(next);
    },
    signOut,
  };
}
