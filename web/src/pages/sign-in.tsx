import { useState } from 'preact/hooks';
import { startCognitoSignIn } from '../auth/cognito.js';
import { devLogin, devUsers } from '../auth/dev.js';
import { ErrorMessage, Loading, useAsync } from '../components/common.js';
import { useI18n } from '../i18n.js';
import { roleLabel } from '../labels.js';
import { useSession } from '../session-context.js';

export function SignInPage() {
  const { t } = useI18n();
  const { auth } = useSession();
  return (
    <div class="narrow">
      <h1>{t('Masuk', 'Sign in')}</h1>
      {auth.mode === 'cognito' ? (
        <button type="button" class="primary" onClick={() => startCognitoSignIn(auth)}>
          {t('Masuk dengan akun pemerintah daerah', 'Sign in with your regional government account')}
        </button>
      ) : (
        <DemoUsers />
      )}
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

/** The embedded stack's demo users: one click signs in as that role. */
function DemoUsers() {
  const { t, lang } = useI18n();
  const { signIn } = useSession();
  const users = useAsync(devUsers, []);
  const [error, setError] = useState<unknown>();
  if (users.loading) return <Loading />;
  if (users.error) return <ErrorMessage error={users.error} />;
  return (
    <>
      <p>
        {t(
          'Pilih pengguna demo (hanya di lingkungan lokal).',
          'Choose a demo user (local environment only).',
        )}
      </p>
      <ErrorMessage error={error} />
      <ul class="users">
        {users.data?.map((u) => (
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
