import { useState } from 'preact/hooks';
import { SECTIONS } from '../../../../shared/documents/article-key.js';
import type { NegotiatedArticle } from '../../../../shared/form/agreement-form.js';
import { api } from '../../api.js';
import { ErrorMessage } from '../../components/common.js';
import { fromApi, toApi } from '../../form/form-values.js';
import { useI18n } from '../../i18n.js';
import type { AgreementView } from '../../types.js';
import type { Article } from './actions-panel.js';
import { DeviationBadge } from './deviations.js';

type Text = { id: string; en?: string };
interface Staged {
  articles: NegotiatedArticle[];
  removeArticles: string[];
}
/** An article open in the editor: one of the document's (`key`), or a new one. */
interface Open {
  key?: string;
  heading: { id: string; en: string };
  clauses: { id: string; en: string }[];
}

const MAX_KEY = 36;

/** A new article's key from its heading, in camelCase ("HUKUM YANG BERLAKU" → "hukumYangBerlaku"), not one taken. */
function keyFor(heading: string, taken: readonly string[]): string {
  const words = heading
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .toLowerCase()
    .split(' ')
    .filter(Boolean);
  let base = words.map((w, i) => (i ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join('');
  if (!/^[a-z][A-Za-z0-9]+$/.test(base) || (SECTIONS as readonly string[]).includes(base))
    base = `pasal${base.charAt(0).toUpperCase()}${base.slice(1)}`;
  base = base.slice(0, MAX_KEY);
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}${n}`;
  return key;
}

const plain = (t: Text | undefined) => ({ id: t?.id ?? '', en: t?.en ?? '' });

/**
 * Negotiated wording on the draft page: each article's text clause by clause, Indonesian and English
 * side by side; an article rewritten, added or (if the template lets it) left out, then saved as a
 * new version through the same request as the form's revision.
 */
export function ArticleEditor(props: { agreement: AgreementView; articles: Article[]; onDone(): void }) {
  const { t, bi } = useI18n();
  const { agreement, articles } = props;
  const form = agreement.form;
  const bilingual = form.languages.includes('en');
  const saved: Staged = { articles: form.articles ?? [], removeArticles: form.removeArticles ?? [] };
  const [staged, setStaged] = useState<Staged>(saved);
  const [open, setOpen] = useState<Open>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const current = agreement.versions.find((v) => v.version === agreement.currentVersion);
  const deviations = current?.deviations ?? [];
  const isNew = (key: string) =>
    deviations.some((d) => d.key === key && d.kind === 'added') || !articles.some((a) => a.key === key);
  const dirty = JSON.stringify(staged) !== JSON.stringify(saved);

  const text = (c: { id: string; en: string }): Text => (bilingual ? { id: c.id, en: c.en } : { id: c.id });
  const apply = (o: Open) => {
    const key =
      o.key ??
      keyFor(o.heading.en || o.heading.id, [
        ...articles.map((a) => a.key),
        ...staged.articles.map((a) => a.key),
        ...staged.removeArticles,
      ]);
    const article: NegotiatedArticle = { key, heading: text(o.heading), clauses: o.clauses.map(text) };
    const at = staged.articles.findIndex((a) => a.key === key);
    setStaged({
      ...staged,
      articles:
        at < 0 ? [...staged.articles, article] : staged.articles.map((a, i) => (i === at ? article : a)),
    });
    setOpen(undefined);
  };
  const remove = (key: string) =>
    setStaged({
      articles: staged.articles.filter((a) => a.key !== key),
      removeArticles: isNew(key) ? staged.removeArticles : [...staged.removeArticles, key],
    });
  const revert = (key: string) =>
    setStaged({ ...staged, articles: staged.articles.filter((a) => a.key !== key) });
  const restore = (key: string) =>
    setStaged({
      articles: staged.articles.some((n) => n.key === key)
        ? staged.articles
        : [...staged.articles, ...saved.articles.filter((n) => n.key === key)],
      removeArticles: staged.removeArticles.filter((k) => k !== key),
    });

  const save = async () => {
    setBusy(true);
    setError(undefined);
    const body = {
      ...(toApi(fromApi(form)) as object),
      articles: staged.articles.length ? staged.articles : undefined,
      removeArticles: staged.removeArticles.length ? staged.removeArticles : undefined,
    };
    await api('POST', `/api/agreements/${agreement.id}/versions`, body).then(props.onDone, setError);
    setBusy(false);
  };

  /** An article of the document staged to be left out: a template's (removeArticles) or an added one dropped. */
  const removing = (key: string) =>
    staged.removeArticles.includes(key) ||
    (isNew(key) && saved.articles.some((n) => n.key === key) && !staged.articles.some((n) => n.key === key));
  const shown = [
    ...articles,
    // Articles added in this session, not yet in a version.
    ...staged.articles
      .filter((n) => !articles.some((a) => a.key === n.key))
      .map((n): Article => ({ key: n.key, heading: n.heading ?? { id: n.key }, clauses: n.clauses })),
  ];
  return (
    <section class="card" aria-labelledby="articles-h" data-testid="article-editor">
      <h2 id="articles-h">{t('Pasal-pasal (teks yang dirundingkan)', 'Articles (negotiated wording)')}</h2>
      <p class="muted">
        {t(
          'Ubah teks pasal dalam kedua bahasa, tambah pasal, atau hapus pasal opsional; simpan sebagai versi baru. Setiap perbedaan dari templat ditandai.',
          'Change an article’s text in both languages, add an article, or leave out an optional one; save as a new version. Every departure from the template is flagged.',
        )}
      </p>
      <ol class="articles">
        {shown.map((a) => {
          const edited = staged.articles.find((n) => n.key === a.key);
          const leaving = removing(a.key);
          const clauses = edited?.clauses ?? a.clauses ?? [];
          const heading = edited?.heading ?? a.heading;
          const deviation = deviations.find((d) => d.key === a.key);
          const removable = isNew(a.key) || Boolean(a.optional);
          const unsaved =
            leaving || JSON.stringify(edited) !== JSON.stringify(saved.articles.find((n) => n.key === a.key));
          if (open?.key === a.key)
            return (
              <li key={a.key} data-article={a.key}>
                <ArticleFields value={open} bilingual={bilingual} onChange={setOpen} />
                <div class="actions">
                  <button type="button" class="primary" onClick={() => apply(open)}>
                    {t('Terapkan', 'Apply')}
                  </button>
                  <button type="button" onClick={() => setOpen(undefined)}>
                    {t('Batal', 'Cancel')}
                  </button>
                </div>
              </li>
            );
          return (
            <li key={a.key} data-article={a.key} class={leaving ? 'removing' : undefined}>
              <h3 class="article-heading">
                {bi(heading)} <code class="muted">{a.key}</code>{' '}
                {deviation && <DeviationBadge kind={deviation.kind} />}
                {unsaved && <span class="badge warn">{t('belum disimpan', 'not saved')}</span>}
              </h3>
              {leaving ? (
                <p class="muted">{t('Akan dihapus dari naskah.', 'To be left out of the document.')}</p>
              ) : (
                <ol class="clauses">
                  {clauses.map((c, i) => (
                    <li key={i} class={bilingual ? 'diff-langs' : undefined}>
                      <p lang="id">{c.id}</p>
                      {bilingual && <p lang="en">{c.en}</p>}
                    </li>
                  ))}
                </ol>
              )}
              <div class="actions">
                {leaving ? (
                  <button type="button" onClick={() => restore(a.key)}>
                    {t('Batalkan penghapusan', 'Keep the article')}
                  </button>
                ) : (
                  <>
                    <button
                      type="button"
                      disabled={open !== undefined}
                      onClick={() =>
                        setOpen({ key: a.key, heading: plain(heading), clauses: clauses.map(plain) })
                      }
                    >
                      {t('Ubah teks', 'Edit the text')}
                    </button>
                    {edited && !isNew(a.key) && (
                      <button type="button" onClick={() => revert(a.key)}>
                        {t('Kembalikan ke teks templat', 'Back to the template’s text')}
                      </button>
                    )}
                    <button type="button" class="danger" disabled={!removable} onClick={() => remove(a.key)}>
                      {t('Hapus pasal', 'Remove the article')}
                    </button>
                    {!removable && (
                      <span class="hint" data-testid="required-article">
                        {t(
                          'Pasal wajib menurut templat: tidak dapat dihapus.',
                          'Required by the template: it cannot be removed.',
                        )}
                      </span>
                    )}
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {staged.removeArticles.filter((k) => saved.removeArticles.includes(k)).length > 0 && (
        <p data-testid="left-out">
          {t('Dihapus dari templat: ', 'Left out of the template: ')}
          {staged.removeArticles
            .filter((k) => saved.removeArticles.includes(k))
            .map((k) => (
              <button key={k} type="button" class="link" onClick={() => restore(k)}>
                {t(`kembalikan ${k}`, `restore ${k}`)}
              </button>
            ))}
        </p>
      )}
      {open && open.key === undefined ? (
        <div class="new-article">
          <h3>{t('Pasal baru', 'New article')}</h3>
          <ArticleFields value={open} bilingual={bilingual} onChange={setOpen} />
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={!open.heading.id.trim()}
              onClick={() => apply(open)}
            >
              {t('Terapkan', 'Apply')}
            </button>
            <button type="button" onClick={() => setOpen(undefined)}>
              {t('Batal', 'Cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div class="actions">
          <button
            type="button"
            disabled={open !== undefined}
            onClick={() => setOpen({ heading: plain(undefined), clauses: [plain(undefined)] })}
          >
            {t('Tambah pasal', 'Add an article')}
          </button>
        </div>
      )}
      <ErrorMessage error={error} />
      <div class="actions">
        <button type="button" class="primary" disabled={!dirty || busy || open !== undefined} onClick={save}>
          {busy ? t('Menyimpan…', 'Saving…') : t('Simpan sebagai versi baru', 'Save as a new version')}
        </button>
        {dirty && (
          <button type="button" disabled={busy} onClick={() => setStaged(saved)}>
            {t('Buang perubahan', 'Discard the changes')}
          </button>
        )}
      </div>
    </section>
  );
}

/** An article's heading and clauses as inputs: Indonesian | English side by side when bilingual. */
function ArticleFields(props: { value: Open; bilingual: boolean; onChange(value: Open): void }) {
  const { t } = useI18n();
  const { value, bilingual, onChange } = props;
  const langs = bilingual ? (['id', 'en'] as const) : (['id'] as const);
  const name = value.key ?? 'new';
  const setClause = (i: number, lang: 'id' | 'en', text: string) =>
    onChange({ ...value, clauses: value.clauses.map((c, k) => (k === i ? { ...c, [lang]: text } : c)) });
  return (
    <div class="article-fields">
      <fieldset class={bilingual ? 'bi two' : 'bi'}>
        <legend>{t('Judul pasal', 'Article heading')}</legend>
        {langs.map((l) => (
          <div class="field" key={l}>
            <label for={`${name}-heading-${l}`}>{l === 'id' ? 'Indonesia' : 'English'}</label>
            <input
              id={`${name}-heading-${l}`}
              name={`${name}.heading.${l}`}
              lang={l}
              value={value.heading[l]}
              onInput={(e) =>
                onChange({ ...value, heading: { ...value.heading, [l]: e.currentTarget.value } })
              }
            />
          </div>
        ))}
      </fieldset>
      {value.clauses.map((c, i) => (
        <fieldset key={i} class={bilingual ? 'bi two' : 'bi'} data-clause={i + 1}>
          <legend>
            {t('Klausul', 'Clause')} {i + 1}
          </legend>
          {langs.map((l) => (
            <div class="field" key={l}>
              <label for={`${name}-clause-${i}-${l}`}>{l === 'id' ? 'Indonesia' : 'English'}</label>
              <textarea
                id={`${name}-clause-${i}-${l}`}
                name={`${name}.clauses[${i}].${l}`}
                lang={l}
                rows={4}
                value={c[l]}
                onInput={(e) => setClause(i, l, e.currentTarget.value)}
              />
            </div>
          ))}
          {value.clauses.length > 1 && (
            <button
              type="button"
              class="link danger"
              onClick={() => onChange({ ...value, clauses: value.clauses.filter((_, k) => k !== i) })}
            >
              {t('Hapus klausul', 'Remove the clause')}
            </button>
          )}
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() => onChange({ ...value, clauses: [...value.clauses, plain(undefined)] })}
      >
        {t('Tambah klausul', 'Add a clause')}
      </button>
    </div>
  );
}
