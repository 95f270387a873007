import { useEffect, useMemo, useState } from 'preact/hooks';
import { configureApi } from './api.js';
import { finishCognitoSignIn } from './auth/cognito.js';
import { type AuthConfig, loadAuthConfig } from './auth/config.js';
import { loadSession, type Session, sessionFromToken, storeSession } from './auth/session.js';
import { Layout } from './components/layout.js';
import { FormPage } from './form/form-page.js';
import { I18nContext, initialLang, type Lang, makeI18n, storeLang } from './i18n.js';
import { AgreementPage } from './pages/agreement/agreement-page.js';
import { ArchivePage } from './pages/archive.js';
import { DashboardPage } from './pages/dashboard.js';
import { InboxPage } from './pages/inbox.js';
import { SignInPage } from './pages/sign-in.js';
import { VerifyPage } from './pages/verify.js';
import { homeOf } from './permissions.js';
import { matchId, navigate, useLocation } from './router.js';
import { SessionContext, type SessionState } from './session-context.js';

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const [auth, setAuth] = useState<AuthConfig>();
  const url = useLocation();

  const setLang = (next: Lang) => {
    storeLang(next);
    setLangState(next);
  };
  const i18n = useMemo(() => makeI18n(lang, setLang), [lang]);
  useEffect(() => storeLang(lang), [lang]);
  useEffect(() => {
    loadAuthConfig().then(setAuth);
  }, []);

  const state: SessionState = {
    user: session?.user,
    auth: auth ?? { mode: 'dev' },
    signIn(token) {
      const next = sessionFromToken(token);
      storeSession(next);
      setSession(next);
      if (next) navigate(homeOf(next.user), true);
    },
    signOut() {
      storeSession(undefined);
      setSession(undefined);
      navigate('/', true);
    },
  };
  configureApi(session?.token, state.signOut);

  // Cognito's hosted UI returns here with a code to trade for the ID token.
  useEffect(() => {
    const code = url.searchParams.get('code');
    if (url.pathname === '/auth/callback' && code && auth?.mode === 'cognito') {
      finishCognitoSignIn(auth, code).then(state.signIn, () => navigate('/', true));
    }
  }, [url.pathname, auth]);

  return (
    <I18nContext.Provider value={i18n}>
      <SessionContext.Provider value={state}>
        <Layout>{auth ? route(url.pathname, session) : null}</Layout>
      </SessionContext.Provider>
    </I18nContext.Provider>
  );
}

function route(path: string, session: Session | undefined) {
  // Verification is public: whoever holds a signed copy or its QR code may check it.
  const verify = matchId('/verify/:id', path);
  if (verify) return <VerifyPage id={verify} />;
  if (path === '/verify') return <VerifyPage />;
  if (!session) return <SignInPage />;
  const user = session.user;
  const agreement = matchId('/agreements/:id', path);
  const edit = matchId('/agreements/:id/edit', path);
  if (path === '/inbox') return <InboxPage />;
  if (path === '/agreements/new') return <FormPage />;
  if (edit) return <FormPage id={edit} />;
  if (agreement) return <AgreementPage id={agreement} />;
  if (path === '/archive') return <ArchivePage />;
  if (path === '/dashboard') return <DashboardPage />;
  return <Redirect to={homeOf(user)} />;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, true), [to]);
  return null;
}
