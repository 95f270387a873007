import type { Template, TemplateFile } from '../documents/template.js';
import type { DocumentType } from '../form/agreement-form.js';
import type { Role } from '../identity/identity.js';
import type { TemplateProblem } from '../template-library/problems.js';
import type { StagedWrite } from './admin-log.js';
import type { Page } from './page.js';

/**
 * The templates drafts are composed with, given to the core (which never imports templates/):
 * the version in force for new drafts, and any version a stored draft was composed with.
 */
export interface TemplateCatalog {
  active(documentType: DocumentType): Promise<Template>;
  /** A version that is or was in force; a NotFoundError for one never activated. */
  version(documentType: DocumentType, version: number): Promise<Template>;
}

export interface TemplateActor {
  sub: string;
  name: string;
  role: Role;
}

/** A PDF and DOCX rendered from a candidate with sample data, for one category and language variant. */
export interface TemplateSample {
  category: string;
  languages: ('id' | 'en')[];
  pdf: { key: string; sha256: string; size: number; pages: number };
  docx: { key: string; sha256: string; size: number };
}

/** What checking an uploaded template found. */
export interface TemplateReport {
  problems: TemplateProblem[];
  samples: TemplateSample[];
  /** How many articles and parts the candidate adds, removes and changes against `basedOn`. */
  changes?: { added: number; removed: number; changed: number };
}

/**
 * An uploaded template file, from its upload form to its activation: `pending` until its
 * ObjectCreated event is checked, then `valid` (a different Biro head or admin may activate it)
 * or `refused` (with the problems), and `active` once activated as `version`.
 */
export interface TemplateCandidate {
  candidateId: string;
  status: 'pending' | 'valid' | 'refused' | 'active';
  bucket: string;
  key: string;
  uploadedBy: TemplateActor;
  uploadedAt: string;
  checkedAt?: string;
  size?: number;
  sha256?: string;
  documentType?: DocumentType;
  /** The version in force when it was checked: its diff is against that one. */
  basedOn?: number;
  report?: TemplateReport;
  /** The template read from the file, kept once it is valid. */
  template?: TemplateFile;
  version?: number;
  activatedAt?: string;
  activatedBy?: TemplateActor;
}

/** A version activated from a candidate (the built-in version 1 of each type is not stored). */
export interface ActiveTemplate {
  documentType: DocumentType;
  version: number;
  candidateId: string;
  activatedAt: string;
  activatedBy: TemplateActor;
  uploadedBy: TemplateActor;
}

/** Candidates, the versions activated from them, and the version in force per document type. */
export interface TemplateStore {
  putCandidate(candidate: TemplateCandidate): Promise<void>;
  getCandidate(candidateId: string): Promise<TemplateCandidate | undefined>;
  /** Newest first, without their templates and reports' details. */
  listCandidates(limit: number, cursor?: string): Promise<Page<TemplateCandidate>>;
  /** Records the check's verdict on a pending candidate; false when it was decided already. */
  settleCandidate(
    candidateId: string,
    verdict: Pick<
      TemplateCandidate,
      'status' | 'checkedAt' | 'size' | 'sha256' | 'documentType' | 'basedOn' | 'report' | 'template'
    >,
  ): Promise<boolean>;
  /** The version in force per document type that a candidate's activation made. */
  activeVersions(): Promise<ActiveTemplate[]>;
  /**
   * The writes that activate a valid candidate as `activation.version` of its type, only if it is
   * still valid and the type's version in force is still `version - 1`: committed with the admin
   * event that records it.
   */
  activationWrites(
    candidate: TemplateCandidate & { template: TemplateFile; documentType: DocumentType },
    activation: ActiveTemplate,
  ): StagedWrite[];
}
