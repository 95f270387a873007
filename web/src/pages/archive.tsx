import { useState } from 'preact/hooks';
import { CATEGORIES, DOCUMENT_TYPES, FIELD_CODES } from '../../../shared/form/agreement-form.js';
import { api, query } from '../api.js';
import { ErrorMessage, Loading, Pager, useAsync, usePages } from '../components/common.js';
import { SignedCopy } from '../components/signed-copy.js';
import { useI18n } from '../i18n.js';
import { categoryLabel, countryName, fieldLabel, formatDate, typeLabel } from '../labels.js';
import { onLinkClick } from '../router.js';
import type { ArchiveSummary, Page } from '../types.js';

type Filters = Record<string, string>;

const FILTER_NAMES = [
  'q',
  'documentType',
  'category',
  'field',
  'country',
  'unit',
  'status',
  'signedFrom',
  'signedTo',
  'validUntilFrom',
  'validUntilTo',
  'order',
];

/** Search of the signed, archived agreements, with filters and a page at a time. */
export function ArchivePage() {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<Filters>({});
  const [filters, setFilters] = useState<Filters>({});
  const pages = usePages();
  const { cursor } = pages;
  const results = useAsync(
    () => api<Page<ArchiveSummary>>('GET', `/api/archive${query({ ...filters, cursor, limit: '10' })}`),
    [JSON.stringify(filters), cursor],
  );
  const set = (name: string) => (e: Event) =>
    setDraft({ ...draft, [name]: (e.currentTarget as HTMLInputElement).value });
  const select = (
    name: string,
    label: string,
    options: readonly string[],
    text: (v: string) => string,
    any = true,
  ) => (
    <div class="field">
      <label for={`a-${name}`}>{label}</label>
      <select id={`a-${name}`} name={name} value={draft[name] ?? ''} onChange={set(name)}>
        {any && <option value="">{t('Semua', 'All')}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {text(o)}
          </option>
        ))}
      </select>
    </div>
  );
  const input = (name: string, label: string, type: 'text' | 'search' | 'date' = 'text') => (
    <div class="field">
      <label for={`a-${name}`}>{label}</label>
      <input
        id={`a-${name}`}
        name={name}
        type={type as 'text'}
        value={draft[name] ?? ''}
        onInput={set(name)}
      />
    </div>
  );
  return (
    <>
      <h1>{t('Arsip kerja sama', 'Agreement archive')}</h1>
      <form
        class="card filters"
        aria-label={t('Saring arsip', 'Filter the archive')}
        onSubmit={(e) => {
          e.preventDefault();
          pages.reset();
          setFilters(
            Object.fromEntries(Object.entries(draft).filter(([k, v]) => v && FILTER_NAMES.includes(k))),
          );
        }}
      >
        {input('q', t('Nama pihak (min. 3 huruf)', 'Party name (3+ letters)'), 'search')}
        {select('documentType', t('Jenis', 'Type'), DOCUMENT_TYPES, (v) => typeLabel(v, lang))}
        {select('category', t('Kategori', 'Category'), CATEGORIES, (v) => categoryLabel(v, lang))}
        {select('field', t('Bidang', 'Field'), FIELD_CODES, (v) => fieldLabel(v, lang))}
        {input('country', t('Negara mitra (kode ISO)', 'Partner country (ISO code)'))}
        {input('unit', t('OPD (kode)', 'OPD (code)'))}
        {select('status', t('Status', 'Status'), ['signed', 'active', 'expired'], (v) =>
          v === 'signed'
            ? t('Ditandatangani', 'Signed')
            : v === 'active'
              ? t('Berlaku', 'Active')
              : t('Berakhir', 'Expired'),
        )}
        {input('signedFrom', t('Ditandatangani sejak', 'Signed from'), 'date')}
        {input('signedTo', t('Ditandatangani sampai', 'Signed until'), 'date')}
        {input('validUntilFrom', t('Berlaku sampai, sejak', 'Valid until, from'), 'date')}
        {input('validUntilTo', t('Berlaku sampai, paling lambat', 'Valid until, at the latest'), 'date')}
        {select(
          'order',
          t('Urutan', 'Order'),
          ['desc', 'asc'],
          (v) => (v === 'desc' ? t('Terbaru dulu', 'Newest first') : t('Terlama dulu', 'Oldest first')),
          false,
        )}
        <div class="actions">
          <button type="submit" class="primary">
            {t('Cari', 'Search')}
          </button>
        </div>
      </form>
      {results.loading && <Loading />}
      <ErrorMessage error={results.error} />
      {results.data && (
        <section class="card" aria-live="polite">
          {results.data.items.length === 0 && <p class="muted">{t('Tidak ada hasil.', 'No results.')}</p>}
          <ul class="rows" data-testid="archive-results">
            {results.data.items.map((r) => (
              <ArchiveRow key={r.agreementId} record={r} />
            ))}
          </ul>
          <Pager pages={pages} nextCursor={results.data.nextCursor} />
        </section>
      )}
    </>
  );
}

/** One archived agreement, its signed copy and its public verification page. */
function ArchiveRow({ record: r }: { record: ArchiveSummary }) {
  const { t, bi, lang } = useI18n();
  return (
    <li>
      <a href={`/agreements/${r.agreementId}`} onClick={onLinkClick}>
        {bi(r.title)}
      </a>
      <span class="meta">
        {typeLabel(r.documentType, lang).split(' ')[0]} · {r.category} · {r.unitCode} ·{' '}
        {r.parties
          .slice(1)
          .map((p) => `${bi(p.name)} (${countryName(p.country, lang)})`)
          .join(', ')}
      </span>
      <span class="meta">
        {t('Ditandatangani', 'Signed')} {formatDate(r.signedAt, lang)} · {t('berlaku sampai', 'valid until')}{' '}
        {formatDate(r.validUntil, lang)}
      </span>
      <span class="actions">
        <SignedCopy agreementId={r.agreementId} />
        <a class="button" href={`/verify/${r.agreementId}`} onClick={onLinkClick}>
          {t('Halaman verifikasi', 'Verification page')}
        </a>
      </span>
    </li>
  );
}
