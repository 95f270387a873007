import type { DocumentType } from '../form/agreement-form.js';
import type { AuditEvent } from '../workflow/audit.js';

/** Who assigned or voided a number: the person whose action did it. */
export type RegisterActor = Pick<AuditEvent['actor'], 'sub' | 'name' | 'role'>;

/** Why, when and by whom a number was voided; the number is never given again. */
export interface Voided {
  reason: string;
  at: string;
  by: RegisterActor;
}

/**
 * One line of the region's register book: a number and the agreement it was given to. Entries are
 * written once; voiding adds `voided` and nothing else.
 */
export interface RegisterEntry {
  regionId: string;
  year: number;
  sequence: number;
  number: string;
  documentType: DocumentType;
  agreementId: string;
  title: { id: string; en?: string };
  /** The initiating unit's code. */
  unit: string;
  assignedAt: string;
  assignedBy: RegisterActor;
  voided?: Voided;
}

/** Where an agreement's number sits in the register, and whether it was voided. */
export interface RegisterRef {
  year: number;
  sequence: number;
  voided?: Voided;
}
