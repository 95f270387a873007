import type { Agreement, AgreementVersion } from '../agreement/agreement.js';
import { parentTitleOf, renderStored } from '../agreement/drafting.js';
import { attemptId } from '../attempt.js';
import { ConflictError } from '../errors.js';
import { say } from '../form/messages.js';
import type { Agreements } from '../ports/agreements.js';
import type { ChangeItem } from '../ports/changes.js';
import type { Clock } from '../ports/clock.js';
import type { FileStore } from '../ports/files.js';
import type { RegisterStore } from '../ports/register.js';
import type { TemplateCatalog } from '../ports/templates.js';
import type { AuditEvent } from '../workflow/audit.js';
import type { Step } from '../workflow/route.js';
import type { Decidable } from '../workflow/state-machine.js';
import type { RegisterActor, RegisterEntry } from './entry.js';
import { defaultFormat, formatNumber, registerYear, type StoredFormat } from './format.js';

/** A claim is someone's for twice the longest a request may run (15 s): then it is taken over. */
const CLAIM_STALE_MS = 30_000;

export interface NumberingDeps {
  register: RegisterStore;
  /** The region whose register numbers this deployment's agreements. */
  regionId: string;
  agreements: Agreements;
  templates: TemplateCatalog;
  files: FileStore;
  clock: Clock;
}

/** A number as a decision assigns it: what the head, the event and the change's items carry. */
export interface Assigned {
  patch: Pick<Agreement, 'documentNumber' | 'register' | 'numbered'>;
  register: NonNullable<AuditEvent['register']>;
  item: ChangeItem;
  files: string[];
}

/** The format in force for a document type: the admin's, else the default. */
export const formatFor = async (
  deps: Pick<NumberingDeps, 'register' | 'regionId'>,
  type: Agreement['documentType'],
) => (await deps.register.format(deps.regionId, type)) ?? defaultFormat(type);

/**
 * The format by which the action numbers the agreement, if it is where the agreement takes its
 * number: the Biro head's approval when the format says so, and in any case the first signature (a
 * route without a Biro head's step, or a format that assigns at signing): a signed text always carries
 * its number. Actions that can be neither are answered without reading the format.
 */
/** Whether the action approves a step of the Biro head: the approval that numbers and accepts deviations. */
export const biroHeadApproves = (action: Decidable, completed: Step[]) =>
  action !== 'reject' && action !== 'request_changes' && completed.some((s) => s.role === 'biro_head');

async function dueFormat(
  deps: Pick<NumberingDeps, 'register' | 'regionId'>,
  agreement: Agreement,
  action: Decidable,
  completed: Step[],
): Promise<StoredFormat | undefined> {
  if (agreement.documentNumber || agreement.signedDocument) return undefined;
  const signing = action === 'sign';
  if (!signing && !biroHeadApproves(action, completed)) return undefined;
  const format = await formatFor(deps, agreement.documentType);
  return signing || format.assignAt === 'biro_approval' ? format : undefined;
}

/**
 * The register number of one request. A number is reserved (the yearly sequence's next value, an
 * atomic counter) only when the request's decision reaches the assigning step, and kept across the
 * request's retried decisions, so a decision taken again never takes a second one. The entry is
 * written with the agreement's change; a reservation that change did not use is recorded in the
 * register as voided, with why, so that no number is ever silently lost or given twice.
 */
export class Numbering {
  private reserved?: RegisterEntry;
  /** This request, as the holder of an agreement's numbering claim. */
  private readonly owner = attemptId();

  constructor(
    private readonly deps: NumberingDeps,
    private readonly actor: RegisterActor,
  ) {}

  /**
   * The number this decision, taken at `at`, assigns: the current version rendered again with it
   * (the file signing starts from), the register entry and what the event records; undefined when
   * it assigns none.
   */
  async assign(
    agreement: Agreement,
    version: AgreementVersion,
    action: Decidable,
    completed: Step[],
    at: string,
  ): Promise<Assigned | undefined> {
    const format = await dueFormat(this.deps, agreement, action, completed);
    if (!format) return undefined;
    const entry = await this.reserve(agreement, format, at);
    const parentId = version.form.parent?.agreementId;
    const [parent, template] = await Promise.all([
      parentId ? this.deps.agreements.get(parentId) : undefined,
      // The version is printed again as it was composed: with its own template version.
      this.deps.templates.version(agreement.documentType, version.templateVersion),
    ]);
    const rendered = await renderStored(this.deps, {
      id: agreement.id,
      n: version.version,
      form: version.form,
      template,
      at,
      parent: parent && (await parentTitleOf(this.deps.templates, parent, version.form)),
      regionEmblem: version.regionEmblem,
      documentNumber: entry.number,
    });
    const { pdf, docx } = rendered.files;
    const { number, year, sequence } = entry;
    return {
      patch: {
        documentNumber: number,
        register: { year, sequence },
        numbered: {
          version: version.version,
          pageCount: rendered.pageCount,
          signatureBoxes: rendered.signatureBoxes,
          pdf,
          docx,
        },
      },
      register: { number, year, sequence, sha256: pdf.sha256 },
      item: { kind: 'register-entry', entry },
      files: [pdf.key, docx.key],
    };
  }

  /**
   * After the request: a reservation the written change does not hold (the change failed for good,
   * or a decision taken again assigned nothing) is recorded as voided with `reason`.
   */
  async settle(written: Agreement | undefined, reason: string): Promise<void> {
    const entry = this.reserved;
    if (!entry) return;
    if (written?.register?.year === entry.year && written.register.sequence === entry.sequence) return;
    await this.deps.register.recordVoided({
      ...entry,
      voided: { reason, at: this.deps.clock.now().toISOString(), by: this.actor },
    });
    if (!written) await this.deps.register.release(entry.agreementId, this.owner);
  }

  /**
   * The request's reservation: taken on its first decision that assigns, kept for its retries. Only
   * the request that claims the agreement's numbering at its audit position reserves: a duplicate
   * sent meanwhile (a double click) is told to reload, and never takes a number of its own.
   */
  private async reserve(agreement: Agreement, format: StoredFormat, at: string): Promise<RegisterEntry> {
    if (this.reserved?.agreementId === agreement.id) return this.reserved;
    const staleBefore = new Date(Date.parse(at) - CLAIM_STALE_MS).toISOString();
    if (
      !(await this.deps.register.claim(agreement.id, agreement.lastEvent.seq, this.owner, at, staleBefore))
    ) {
      throw new ConflictError(
        say(
          'Nomor register kerja sama ini sedang diberikan oleh permintaan lain: muat ulang sebentar lagi',
          "Another request is assigning this agreement's register number right now: reload in a moment",
        ),
      );
    }
    const year = registerYear(at);
    const sequence = await this.deps.register.reserve(this.deps.regionId, year);
    this.reserved = {
      regionId: this.deps.regionId,
      year,
      sequence,
      number: formatNumber(format, sequence, agreement.initiatingUnit.code, at),
      documentType: agreement.documentType,
      agreementId: agreement.id,
      title: agreement.title,
      unit: agreement.initiatingUnit.code,
      assignedAt: at,
      assignedBy: this.actor,
    };
    return this.reserved;
  }
}

/** Why a reserved number was not assigned, for the register's voided entry. */
export function unusedReason(error?: unknown): string {
  const text = (error as { text?: { id: string; en: string } } | undefined)?.text;
  const message = error instanceof Error ? error.message : undefined;
  const id = text?.id ?? message ?? 'keputusan yang diambil ulang tidak memberi nomor';
  const en = text?.en ?? message ?? 'the decision taken again assigned no number';
  return `Dipesan tetapi tidak diberikan: ${id} / Reserved but never assigned: ${en}`;
}
