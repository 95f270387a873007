import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { useI18n } from '../../i18n.js';
import { navigate, onLinkClick } from '../../router.js';
import { AdminLogPage } from './admin-log.js';
import { DelegationsPage } from './delegations.js';
import { ImportsPage } from './imports.js';
import { RegionPage } from './region.js';
import { RegisterFormatsPage } from './register-formats.js';
import { RoutesPage } from './routes.js';
import { UnitsPage } from './units.js';
import { UsersPage } from './users.js';

/** The administration's pages, each at /admin/<slug>. */
const PAGES: [slug: string, id: string, en: string, page: ComponentType][] = [
  ['region', 'Profil daerah', 'Region profile', RegionPage],
  ['units', 'Unit kerja (OPD)', 'Units (OPD)', UnitsPage],
  ['users', 'Pengguna', 'Users', UsersPage],
  ['delegations', 'Pelaksana & a.n.', 'Acting officials', DelegationsPage],
  ['register-formats', 'Format nomor naskah', 'Number formats', RegisterFormatsPage],
  ['routes', 'Alur persetujuan', 'Approval routes', RoutesPage],
  ['imports', 'Impor massal', 'Bulk import', ImportsPage],
  ['log', 'Log administrasi', 'Admin log', AdminLogPage],
];

/** "Administrasi | Administration": the admin's pages under one sub-menu. */
export function AdminArea({ path }: { path: string }) {
  const { t } = useI18n();
  const slug = path.split('/')[2] ?? '';
  const page = PAGES.find(([s]) => s === slug);
  useEffect(() => {
    if (!page) navigate('/admin/region', true);
  }, [page]);
  if (!page) return null;
  const Page = page[3];
  return (
    <>
      <h1>{t('Administrasi', 'Administration')}</h1>
      <nav class="tabs admin-nav" aria-label={t('Menu administrasi', 'Administration menu')}>
        {PAGES.map(([s, id, en]) => (
          <a
            key={s}
            class="tab"
            href={`/admin/${s}`}
            onClick={onLinkClick}
            aria-current={s === slug ? 'page' : undefined}
          >
            {t(id, en)}
          </a>
        ))}
      </nav>
      <Page />
    </>
  );
}
