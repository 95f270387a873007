import { SECTIONS } from '../../../../shared/documents/article-key.js';
import { api } from '../../api.js';
import { ErrorMessage, Loading, StatusBadge, useAsync } from '../../components/common.js';
import { Lazy } from '../../components/lazy.js';
import { SignedCopy } from '../../components/signed-copy.js';
import { useI18n } from '../../i18n.js';
import { categoryLabel, countryName, formatDate, typeLabel } from '../../labels.js';
import { mayReportActivities, mayReviewActivities, mayTerminate } from '../../permissions.js';
import { useUser } from '../../session-context.js';
import type { AgreementView, SectionDiff } from '../../types.js';
import { ActionsPanel, type Article } from './actions-panel.js';
import { Activities } from './activities.js';
import { anything, available, isArchived } from './available.js';
import { Comments, historyPages, Timeline } from './history.js';
import { RoutePanel } from './route-panel.js';
import { TerminatePanel } from './terminate.js';
import { Versions } from './versions.js';

/** The article editor is for those who may revise the draft now: the others never download it. */
const loadEditor = () => import('./article-editor.js').then((m) => m.ArticleEditor);

interface Loaded {
  agreement: AgreementView;
  articles: Article[];
}

/** The articles of the current version with their headings, as the diff of a version with itself lists them. */
async function articlesOf(a: AgreementView): Promise<Article[]> {
  const v = a.currentVersion;
  const { sections } = await api<{ sections: SectionDiff[] }>(
    'GET',
    `/api/agreements/${a.id}/diff?from=${v}&to=${v}`,
  );
  // A template may add articles of its own: every section but the fixed parts is an article.
  return sections
    .filter((s) => !(SECTIONS as readonly string[]).includes(s.section) && s.heading)
    .map((s) => ({
      key: s.section,
      heading: s.heading as Article['heading'],
      ...(s.clauses ? { clauses: s.clauses } : {}),
      ...(s.optional ? { optional: s.optional } : {}),
    }));
}

async function load(id: string): Promise<Loaded> {
  const agreement = await api<AgreementView>('GET', `/api/agreements/${id}`);
  return { agreement, articles: await articlesOf(agreement) };
}

export function AgreementPage({ id }: { id: string }) {
  const { t, bi, lang } = useI18n();
  const user = useUser();
  const page = useAsync(() => load(id), [id]);
  if (page.loading && !page.data) return <Loading />;
  if (page.error || !page.data) return <ErrorMessage error={page.error} />;
  const { agreement, articles } = page.data;
  const can = available(agreement, user);
  const lifecycle = agreement.lifecycle;
  // On an archived agreement the OPD's and the Biro's work is in the activity reports below.
  const evaluates =
    mayReportActivities(user, agreement) || (isArchived(agreement) && mayReviewActivities(user));
  return (
    <>
      <header class="page-head">
        <p class="eyebrow">
          {typeLabel(agreement.documentType, lang)} · {categoryLabel(agreement.category, lang)} ·{' '}
          {agreement.initiatingUnit.code}
        </p>
        <h1>{bi(agreement.title)}</h1>
        <p>
          <StatusBadge status={agreement.status} /> <span class="muted">v{agreement.currentVersion}</span>{' '}
          <a href={agreement.links.pdf} target="_blank" rel="noreferrer">
            PDF
          </a>{' '}
          <a href={agreement.links.docx} target="_blank" rel="noreferrer">
            DOCX
          </a>
        </p>
        {lifecycle && (
          <p class="muted" data-testid="validity">
            {t('Masa berlaku', 'Term')} {formatDate(lifecycle.validFrom, lang)} –{' '}
            {lifecycle.validUntil ? formatDate(lifecycle.validUntil, lang) : t('tanpa batas', 'open-ended')}
            {lifecycle.terminatedOn &&
              ` · ${t('diakhiri', 'terminated')} ${formatDate(lifecycle.terminatedOn, lang)}`}
            {lifecycle.terminatedOn && <TerminationReason id={agreement.id} />}
          </p>
        )}
        {agreement.links.signed && agreement.signedDocument && (
          <p class="actions" data-testid="region-signed">
            <a class="button" href={agreement.links.signed} data-testid="region-signed-pdf">
              {t('Unduh PDF yang ditandatangani daerah', 'Download the PDF signed by the region')}
            </a>
            <code class="hash">SHA-256 {agreement.signedDocument.sha256}</code>
          </p>
        )}
        {isArchived(agreement) && (
          <p class="actions">
            <SignedCopy agreementId={agreement.id} />
          </p>
        )}
        <p class="muted">
          {agreement.parties.map((p) => `${bi(p.name)} (${countryName(p.country, lang)})`).join(' · ')}
        </p>
      </header>
      <div class="two-col">
        <div>
          {anything(can) ? (
            <ActionsPanel agreement={agreement} can={can} articles={articles} onDone={page.reload} />
          ) : mayTerminate(user, agreement) ? (
            <TerminatePanel agreement={agreement} onDone={page.reload} />
          ) : evaluates ? null : (
            <p class="card muted" data-testid="no-actions">
              {t(
                'Tidak ada tindakan untuk Anda pada tahap ini.',
                'There is nothing for you to do at this stage.',
              )}
            </p>
          )}
          {isArchived(agreement) && <Activities agreement={agreement} onChange={page.reload} />}
          {can.revise && (
            // Keyed by version: a new version starts the editor again from its own text.
            <Lazy
              key={agreement.currentVersion}
              load={loadEditor}
              props={{ agreement, articles, onDone: page.reload }}
            />
          )}
          {/* Keyed by version: a version saved on this page is compared with the one before it. */}
          <Versions key={agreement.currentVersion} agreement={agreement} articles={articles} />
          <Comments agreement={agreement} articles={articles} />
        </div>
        <div>
          <RoutePanel agreement={agreement} />
          <Timeline agreement={agreement} />
        </div>
      </div>
    </>
  );
}

/** Why an agreement was terminated: the comment of its one termination event. */
function TerminationReason({ id }: { id: string }) {
  const termination = useAsync(() => historyPages(id, '?action=terminate&limit=1')(), [id]);
  const comment = termination.data?.events[0]?.comment;
  return comment ? <>: {comment}</> : null;
}
