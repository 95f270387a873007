import type { ComponentChildren } from 'preact';
import { cognitoSignOutUrl } from '../auth/cognito.js';
import { useI18n } from '../i18n.js';
import { roleLabel } from '../labels.js';
import {
  hasInbox,
  mayAdminister,
  mayDraft,
  mayDraftBatches,
  maySeeDashboard,
  maySeeRegister,
  maySeeTemplates,
} from '../permissions.js';
import { onLinkClick, useLocation } from '../router.js';
import { useSession } from '../session-context.js';

function NavLink({ href, children }: { href: string; children: ComponentChildren }) {
  const path = useLocation().pathname;
  const current = path === href || (href !== '/' && path.startsWith(`${href}/`));
  return (
    <a href={href} onClick={onLinkClick} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

export function Layout({ children }: { children: ComponentChildren }) {
  const { t, bi, lang, setLang } = useI18n();
  const { user, auth, region, signOut } = useSession();
  const out = () => {
    signOut();
    if (auth.mode === 'cognito') location.assign(cognitoSignOutUrl(auth));
  };
  return (
    <>
      <a class="skip" href="#main">
        {t('Langsung ke isi', 'Skip to content')}
      </a>
      <header class="top">
        <a class="brand" href="/" onClick={onLinkClick}>
          {region?.emblem && <img src={region.emblem.url} alt="" height={36} data-testid="region-emblem" />}
          <span>
            {t('Kerja Sama Daerah', 'Regional Cooperation')}
            {region && (
              <small class="region-name" data-testid="region-name">
                {bi(region.name)}
              </small>
            )}
          </span>
        </a>
        <nav aria-label={t('Menu utama', 'Main menu')}>
          {user && hasInbox(user) && <NavLink href="/inbox">{t('Kotak masuk', 'Inbox')}</NavLink>}
          {user && mayDraft(user) && <NavLink href="/agreements/new">{t('Draf baru', 'New draft')}</NavLink>}
          {user && mayDraftBatches(user) && (
            <NavLink href="/batches">{t('Draf massal', 'Batch drafting')}</NavLink>
          )}
          {user && <NavLink href="/archive">{t('Arsip', 'Archive')}</NavLink>}
          {user && maySeeDashboard(user) && (
            <NavLink href="/dashboard">{t('Evaluasi', 'Evaluation')}</NavLink>
          )}
          {user && maySeeRegister(user) && <NavLink href="/register">{t('Register', 'Register')}</NavLink>}
          {user && maySeeTemplates(user) && <NavLink href="/templates">{t('Templat', 'Templates')}</NavLink>}
          {user && mayAdminister(user) && (
            <NavLink href="/admin">{t('Administrasi', 'Administration')}</NavLink>
          )}
          <NavLink href="/verify">{t('Verifikasi', 'Verify')}</NavLink>
        </nav>
        <div class="tools">
          <fieldset class="lang" aria-label={t('Bahasa', 'Language')}>
            {(['id', 'en'] as const).map((l) => (
              <button
                type="button"
                key={l}
                aria-pressed={lang === l}
                lang={l}
                onClick={() => setLang(l)}
                title={l === 'id' ? 'Bahasa Indonesia' : 'English'}
              >
                {l.toUpperCase()}
              </button>
            ))}
          </fieldset>
          {user && (
            <div class="who">
              <span class="who-name">{user.name}</span>
              <span class="who-role" data-testid="current-role">
                {roleLabel(user.role, lang)}
                {user.unit ? ` · ${user.unit}` : ''}
              </span>
              <button type="button" class="link" onClick={out}>
                {t('Keluar', 'Sign out')}
              </button>
            </div>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
