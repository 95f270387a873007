import type { SignatureBox } from '../documents/model.js';
import type { Deviation } from '../documents/negotiation.js';
import type { Lifecycle } from '../evaluation/lifecycle.js';
import type { AgreementForm, Category, DocumentType } from '../form/agreement-form.js';
import type { RegisterRef } from '../register/entry.js';
import type { Workflow } from '../workflow/state-machine.js';
import type { AgreementStatus } from './status.js';

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
  /**
   * The negotiated wording's departures from that template version (the form's `articles` and
   * `removeArticles`); absent on versions drafted before drafts could negotiate it.
   */
  deviations?: Deviation[];
  pageCount: number;
  /** Where each party signs, for the visible signature blocks. */
  signatureBoxes: SignatureBox[];
  files: { pdf: StoredFile; docx: StoredFile };
  /** The register number printed in it: versions drafted after the number was assigned. */
  documentNumber?: string;
  /**
   * The region's emblem printed for the first party (from its profile, as the form had none): a
   * re-rendering of this version prints the same one, whatever the profile holds later.
   */
  regionEmblem?: { key: string; sha256: string };
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
  /** The register number, once assigned; it never changes afterwards. */
  documentNumber?: string;
  register?: RegisterRef;
  /**
   * The version that was current when the number was assigned, rendered again with the number
   * printed in it: the file signing starts from.
   */
  numbered?: Pick<AgreementVersion, 'version' | 'pageCount' | 'signatureBoxes'> & {
    pdf: StoredFile;
    docx: StoredFile;
  };
  /** The PDF as signed so far: each digital signature adds an incremental update to it. */
  signedDocument?: StoredFile & { signatures: number };
  /** The newest audit event: the next one chains to it, and transitions are conditioned on it. */
  lastEvent: { seq: number; hash: string };
  /** Once archived: validity, activity and pending reminders, moved along by the daily job. */
  lifecycle?: Lifecycle;
}

/** What a decision says of a head: its audit position and `updatedAt` come with the sealed event. */
export type HeadFields = Omit<Agreement, 'lastEvent' | 'updatedAt'>;

/** The agreement head for `form` at `version`; status and workflow come from `state`. */
export function summarise(
  id: string,
  form: AgreementForm,
  version: number,
  state: Pick<Agreement, 'workflow' | 'createdAt'>,
): HeadFields {
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
    workflow: state.workflow,
    createdAt: state.createdAt,
  };
}

/** The PDF a signature goes on: as signed so far, else the version as numbered, else as drafted. */
export function documentToSign(agreement: Agreement, version: AgreementVersion): StoredFile {
  if (agreement.signedDocument) return agreement.signedDocument;
  return agreement.numbered?.version === version.version ? agreement.numbered.pdf : version.files.pdf;
}

/** Where the parties sign in that PDF: the number printed in it may have moved the text. */
export function signatureBoxesOf(agreement: Agreement, version: AgreementVersion): SignatureBox[] {
  return agreement.numbered?.version === version.version
    ? agreement.numbered.signatureBoxes
    : version.signatureBoxes;
}

/** What the events of an archived agreement refer to: the archived copy, else the PDF as signed. */
export const archivedSha256 = (a: Agreement): string =>
  a.lifecycle?.archivedSha256 ?? a.signedDocument?.sha256 ?? '';
