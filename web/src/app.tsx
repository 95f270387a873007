import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Identity } from '../../shared/identity/identity.js';
import { finishCognitoSignIn } from './auth/cognito.js';
import { type AuthConfig, loadAuthConfig } from './auth/config.js';
import { useSignedIn } from './auth/use-session.js';
import { ErrorMessage, Loading } from './components/common.js';
import { Layout } from './components/layout.js';
import { Lazy } from './components/lazy.js';
import { FormPage } from './form/form-page.js';
import { I18nContext, initialLang, type Lang, makeI18n, storeLang, useI18n } from './i18n.js';
import { AgreementPage } from './pages/agreement/agreement-page.js';
import { ArchivePage } from './pages/archive.js';
import { DashboardPage } from './pages/dashboard.js';
import { InboxPage } from './pages/inbox.js';
import { SignInPage } from './pages/sign-in.js';
import { VerifyPage } from './pages/verify.js';
import { homeOf, mayAdminister, mayDraftBatches, maySeeRegister, maySeeTemplates } from './permissions.js';
import { matchId, navigate, useLocation } from './router.js';
import { SessionContext } from './session-context.js';

/** The administration is for admins only, the register for a few roles: the others never download them. */
const loadAdmin = () => import('./pages/admin/admin-area.js').then((m) => m.AdminArea);
const loadRegister = () => import('./pages/register.js').then((m) => m.RegisterPage);
const loadTemplates = () => import('./pages/templates/templates-area.js').then((m) => m.TemplatesArea);
const loadBatches = () => import('./pages/batches.js').then((m) => m.BatchesArea);

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
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
  const session = useSignedIn(auth ?? { mode: 'dev' });

  // Cognito's hosted UI returns here with a code to trade for the ID token.
  useEffect(() => {
    const code = url.searchParams.get('code');
    if (url.pathname === '/auth/callback' && code && auth?.mode === 'cognito') {
      finishCognitoSignIn(auth, code).then(session.signIn, () => navigate('/', true));
    }
  }, [url.pathname, auth]);

  return (
    <I18nContext.Provider value={i18n}>
      <SessionContext.Provider value={session}>
        <Layout>
          {!auth ? null : session.error ? (
            <Unavailable error={session.error} retry={session.retry} />
          ) : session.checking ? (
            <Loading />
          ) : (
            route(url.pathname, session.user)
          )}
        </Layout>
      </SessionContext.Provider>
    </I18nContext.Provider>
  );
}

function route(path: string, user: Identity | undefined) {
  // Verification is public: whoever holds a signed copy or its QR code may check it.
  const verify = matchId('/verify/:id', path);
  if (verify) return <VerifyPage id={verify} />;
  if (path === '/verify') return <VerifyPage />;
  if (!user) return <SignInPage />;
  const agreement = matchId('/agreements/:id', path);
  const edit = matchId('/agreements/:id/edit', path);
  if (path === '/inbox') return <InboxPage />;
  if (path === '/agreements/new') return <FormPage />;
  if (edit) return <FormPage id={edit} />;
  if (agreement) return <AgreementPage id={agreement} />;
  if (path === '/archive') return <ArchivePage />;
  if (path === '/dashboard') return <DashboardPage />;
  if (path === '/register' && maySeeRegister(user)) return <Lazy load={loadRegister} props={{}} />;
  if ((path === '/templates' || path.startsWith('/templates/')) && maySeeTemplates(user))
    return <Lazy load={loadTemplates} props={{ path }} />;
  if ((path === '/batches' || path.startsWith('/batches/')) && mayDraftBatches(user))
    return <Lazy load={loadBatches} props={{ path }} />;
  if ((path === '/admin' || path.startsWith('/admin/')) && mayAdminister(user))
    return <Lazy load={loadAdmin} props={{ path }} />;
  return <Redirect to={homeOf(user)} />;
}

function Unavailable({ error, retry }: { error: unknown; retry(): void }) {
  const { t } = useI18n();
  return (
    <div class="narrow">
      <ErrorMessage error={error} />
      <button type="button" onClick={retry}>
        {t('Coba lagi', 'Try again')}
      </button>
    </div>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, true), [to]);
  return null;
}
