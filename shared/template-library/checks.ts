import { attemptId, committing } from '../attempt.js';
import type { TemplateFile } from '../documents/template.js';
import { templateId } from '../documents/template-id.js';
import { say } from '../form/messages.js';
import { sha256 } from '../hash.js';
import type { Clock } from '../ports/clock.js';
import type { FileStore } from '../ports/files.js';
import type { StoredObjects } from '../ports/ingestion-files.js';
import type {
  TemplateCandidate,
  TemplateCatalog,
  TemplateSample,
  TemplateStore,
} from '../ports/templates.js';
import { type CheckOutcome, candidateOfKey, fileProblem, MAX_TEMPLATE_BYTES, settle } from './candidates.js';
import type { TemplateProblem } from './problems.js';
import { SAMPLE_VARIANTS, sampleDraft } from './samples.js';
import { countChanges, diffTemplates } from './template-diff.js';
import { readTemplateFile } from './template-file.js';

export interface CheckDeps {
  store: TemplateStore;
  catalog: TemplateCatalog;
  /** The uploaded files, where their events say they are. */
  uploaded: StoredObjects;
  /** The documents bucket: the samples rendered from each candidate. */
  files: FileStore;
  clock: Clock;
}

/**
 * The check of an uploaded template file, run by its ObjectCreated event: the size, the file
 * (YAML, schema, rules), samples rendered for every category and language, and a diff against the
 * version in force; the verdict makes the candidate valid or refused. Apart from the library's
 * requests, so that only this function carries the YAML parser and the renderers.
 */
export class TemplateChecks {
  constructor(private readonly deps: CheckDeps) {}

  /**
   * The ObjectCreated event of an uploaded file → its candidate valid or refused, with the report.
   * Idempotent: a candidate is checked once; a repeated or concurrent event changes nothing (the
   * verdict is written only while pending, and a losing attempt removes the samples it rendered).
   */
  async check(bucket: string, key: string): Promise<CheckOutcome> {
    const candidateId = candidateOfKey(key);
    if (!candidateId) return { outcome: 'ignored', reason: `not a template upload: ${key}` };
    const candidate = await this.deps.store.getCandidate(candidateId);
    if (!candidate || candidate.bucket !== bucket || candidate.key !== key) {
      return { outcome: 'ignored', reason: `no candidate was asked for ${bucket}/${key}` };
    }
    if (candidate.status !== 'pending') return { outcome: 'duplicate', candidateId };
    const at = () => this.deps.clock.now().toISOString();
    const refuse = (problems: TemplateProblem[], extra: Partial<TemplateCandidate> = {}) =>
      settle(this.deps, candidateId, [], {
        status: 'refused',
        checkedAt: at(),
        ...extra,
        report: { problems, samples: [] },
      });
    // The size first, without reading a byte: an object written past the form's limit is refused.
    const head = await this.deps.uploaded.head(bucket, key);
    if (!head) return refuse([fileProblem(say('berkas tidak ditemukan', 'the file is not there'))]);
    if (head.size > MAX_TEMPLATE_BYTES) {
      return refuse(
        [
          fileProblem(
            say(`berkas lebih dari 1 MB (${head.size} bita)`, `the file is over 1 MB (${head.size} bytes)`),
          ),
        ],
        { size: head.size },
      );
    }
    const bytes = await this.deps.uploaded.get(bucket, key);
    const file = { size: bytes.byteLength, sha256: sha256(bytes) };
    const { template, problems } = readTemplateFile(bytes);
    if (!template) return refuse(problems, file);
    const base = await this.deps.catalog.active(template.documentType);
    // Whatever this attempt stores goes again if it fails before its verdict is written.
    const written: string[] = [];
    return committing(this.deps.files, written, async () => {
      const { samples, failures } = await this.renderSamples(candidateId, template, at(), written);
      const diff = diffTemplates(base, template);
      return settle(this.deps, candidateId, written, {
        status: failures.length ? 'refused' : 'valid',
        checkedAt: at(),
        ...file,
        documentType: template.documentType,
        basedOn: base.version,
        report: { problems: failures, samples, changes: countChanges(diff) },
        ...(failures.length ? {} : { template }),
      });
    });
  }

  /**
   * A PDF and a DOCX for every category and language variant, stored for the reviewers; a variant
   * the renderer cannot lay out is a problem of the template, named with the variant.
   */
  private async renderSamples(candidateId: string, template: TemplateFile, at: string, written: string[]) {
    const { renderAgreement } = await import('../documents/render.js');
    const attempt = attemptId();
    const samples: TemplateSample[] = [];
    const failures: TemplateProblem[] = [];
    const named = { ...template, id: templateId(template.documentType), version: 0 };
    for (const variant of SAMPLE_VARIANTS) {
      const { form, context } = sampleDraft(template.documentType, variant);
      const name = `${template.documentType.toLowerCase()}-${variant.category.toLowerCase()}-${variant.languages.join('-')}`;
      let rendered: Awaited<ReturnType<typeof renderAgreement>>;
      try {
        rendered = await renderAgreement(form, named, {
          documentNumber: 'CONTOH / SAMPLE',
          issuedAt: at,
          ...context,
        });
      } catch (error) {
        failures.push(
          fileProblem(
            say(
              `contoh ${name} tidak dapat disusun: ${(error as Error).message}`,
              `the ${name} sample cannot be rendered: ${(error as Error).message}`,
            ),
          ),
        );
        continue;
      }
      const pdfKey = `templates/${candidateId}/${attempt}/${name}.pdf`;
      const docxKey = `templates/${candidateId}/${attempt}/${name}.docx`;
      written.push(pdfKey, docxKey);
      await Promise.all([
        this.deps.files.put(pdfKey, rendered.pdf, 'application/pdf'),
        this.deps.files.put(
          docxKey,
          rendered.docx,
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        ),
      ]);
      samples.push({
        category: variant.category,
        languages: variant.languages,
        pdf: {
          key: pdfKey,
          sha256: sha256(rendered.pdf),
          size: rendered.pdf.byteLength,
          pages: rendered.pageCount,
        },
        docx: { key: docxKey, sha256: sha256(rendered.docx), size: rendered.docx.byteLength },
      });
    }
    return { samples, failures };
  }
}
