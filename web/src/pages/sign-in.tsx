import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { startCognitoSignIn } from '../auth/cognito.js';
import { devLogin, devUsers } from '../auth/dev.js';
import { ErrorMessage, Loading, useAsync } from '../components/common.js';
import { SearchBox } from '../components/controls.js';
import { Lazy } from '../components/lazy.js';
import { useI18n } from '../i18n.js';
import { roleLabel } from '../labels.js';
import { useSession } from '../session-context.js';

export function SignInPage() {
  const { t } = useI18n();
  const { auth } = useSession();
  if (auth.mode !== 'cognito') return <LocalSignIn />;
  return (
    <SignIn>
      <button type="button" class="primary" onClick={() => startCognitoSignIn(auth)}>
        {t('Masuk dengan akun pemerintah daerah', 'Sign in with your regional government account')}
      </button>
    </SignIn>
  );
}

function SignIn({ children }: { children: ComponentChildren }) {
  const { t, bi } = useI18n();
  const { ended } = useSession();
  return (
    <div class="narrow">
      <h1>{t('Masuk', 'Sign in')}</h1>
      {ended && (
        <div class="alert error" role="alert" data-testid="signed-out">
          <p>{bi(ended)}</p>
        </div>
      )}
      {children}
      <p class="muted">
        {t(
          'Memeriksa naskah bertanda tangan tidak memerlukan akun: ',
          'Checking a signed copy needs no account: ',
        )}
        <a href="/verify">{t('verifikasi dokumen', 'verify a document')}</a>
      </p>
    </div>
  );
}

/** Needed once, on an empty embedded stack: never downloaded otherwise. */
const loadSetup = () => import('./setup.js').then((m) => m.SetupPage);

/** The embedded stack: its setup while it has no admin, then its stored users. */
function LocalSignIn() {
  const setup = useAsync(() => api<{ needed: boolean }>('GET', '/api/setup'), []);
  if (setup.loading) return <Loading />;
  if (setup.data?.needed) return <Lazy load={loadSetup} props={{}} />;
  return (
    <SignIn>
      <ErrorMessage error={setup.error} />
      <StoredUsers />
    </SignIn>
  );
}

const matches = (u: { name: string; username: string; unit?: string }, q: string) =>
  [u.name, u.username, u.unit ?? ''].some((s) => s.toLowerCase().includes(q));

/** The embedded stack's stored users: one click signs in as that user. */
function StoredUsers() {
  const { t, lang } = useI18n();
  const { signIn } = useSession();
  const users = useAsync(devUsers, []);
  const [q, setQ] = useState('');
  const [error, setError] = useState<unknown>();
  if (users.loading) return <Loading />;
  if (users.error) return <ErrorMessage error={users.error} />;
  const shown = (users.data ?? []).filter((u) => matches(u, q.trim().toLowerCase()));
  return (
    <>
      <p>{t('Pilih pengguna (hanya di lingkungan lokal).', 'Choose a user (local environment only).')}</p>
      <SearchBox
        id="user-search"
        label={t('Cari nama, nama pengguna atau OPD', 'Search name, username or OPD')}
        value={q}
        onInput={setQ}
      />
      <ErrorMessage error={error} />
      {shown.length === 0 && <p class="muted">{t('Tidak ada pengguna yang cocok.', 'No user matches.')}</p>}
      <ul class="users">
        {shown.map((u) => (
          <li key={u.username}>
            <button
              type="button"
              data-username={u.username}
              onClick={() => devLogin(u.username).then(signIn, setError)}
            >
              <strong>{u.name}</strong>
              <span>
                {roleLabel(u.role, lang)}
                {u.unit ? ` · ${u.unit}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
