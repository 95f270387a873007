import type { Category, DocumentType } from '../form/agreement-form.js';
import type { Role } from '../identity/identity.js';
import type { Page } from './page.js';

/** An open step in someone's inbox. */
export interface InboxEntry {
  agreementId: string;
  stepId: string;
  role: Role;
  /** Set for OPD roles: only that unit's users see the entry. */
  unit?: string;
  kind: string;
  title: { id: string; en?: string };
  documentType: DocumentType;
  category: Category;
  version: number;
  openedAt: string;
  dueAt: string;
}

/** The open steps of a role (in a unit), newest first; entries open and close with their change. */
export interface Inbox {
  inbox(role: Role, unit: string | undefined, limit: number, cursor?: string): Promise<Page<InboxEntry>>;
}
