import * as z from 'zod';
import type { SignatureBox } from '../documents/pdf.js';
import type { Lifecycle } from '../evaluation/lifecycle.js';
import type { AgreementForm, Category, DocumentType } from '../form/agreement-form.js';
import type { Workflow } from '../workflow/state-machine.js';

/** Where an agreement stands; routing, signing and evaluation move it along. */
export const AGREEMENT_STATUSES = [
  'draft',
  'in_review',
  'changes_requested',
  'ready_to_sign',
  'signed',
  'active',
  'expiring',
  'expired',
  'terminated',
  'rejected',
  'withdrawn',
] as const;

export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** Statuses in which the drafter may still submit a new version of the form. */
export const REVISABLE_STATUSES: readonly AgreementStatus[] = ['draft', 'changes_requested'];

export const agreementIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);

export interface StoredFile {
  key: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** One immutable version of a draft: the form as submitted and the files rendered from it. */
export interface AgreementVersion {
  agreementId: string;
  version: number;
  form: AgreementForm;
  templateId: string;
  templateVersion: number;
  pageCount: number;
  /** Where each party signs, for the visible signature blocks. */
  signatureBoxes: SignatureBox[];
  files: { pdf: StoredFile; docx: StoredFile };
  createdAt: string;
}

/** The agreement as listed: a summary of its current version plus where it stands. */
export interface Agreement {
  id: string;
  documentType: DocumentType;
  category: Category;
  status: AgreementStatus;
  initiatingUnit: { code: string; name: string };
  title: { id: string; en?: string };
  parties: { name: { id: string; en?: string }; country: string }[];
  fields: string[];
  parentId?: string;
  currentVersion: number;
  createdAt: string;
  updatedAt: string;
  workflow: Workflow;
  /** The PDF as signed so far: each digital signature adds an incremental update to it. */
  signedDocument?: StoredFile & { signatures: number };
  /** The newest audit event: the next one chains to it, and transitions are conditioned on it. */
  lastEvent: { seq: number; hash: string };
  /** Once archived: validity, activity and pending reminders, moved along by the daily job. */
  lifecycle?: Lifecycle;
}

/** The agreement head for `form` at `version`; status, workflow and audit position come from `state`. */
export function summarise(
  id: string,
  form: AgreementForm,
  version: number,
  state: Pick<Agreement, 'workflow' | 'lastEvent' | 'createdAt' | 'updatedAt'>,
): Agreement {
  return {
    id,
    documentType: form.documentType,
    category: form.category,
    status: state.workflow.status,
    initiatingUnit: form.initiatingUnit,
    title: form.title,
    parties: form.parties.map((p) => ({ name: p.name, country: p.country })),
    fields: form.fields,
    ...(form.parent ? { parentId: form.parent.agreementId } : {}),
    currentVersion: version,
    ...state,
  };
}
