import * as z from 'zod';
import { say } from '../form/messages.js';
import { isoDate, plainText } from '../form/text.js';
import { ROLE_NAMES, type Role } from '../identity/identity.js';

/**
 * How someone acts for an office: Plt. (pelaksana tugas, the office is vacant or its holder
 * suspended), Plh. (pelaksana harian, its holder is away for a while), or a.n. (atas nama: on the
 * holder's behalf, for signing only).
 */
export const DELEGATION_KINDS = ['plt', 'plh', 'an'] as const;
export type DelegationKind = (typeof DELEGATION_KINDS)[number];

/** The offices that may be delegated: the head of region, and the Sekda (a Plh. Sekda initials). */
export const OFFICES = ['kepala_daerah', 'sekda'] as const satisfies readonly Role[];
export type Office = (typeof OFFICES)[number];

/** POST /api/admin/delegations. Dates are WIB calendar days, both included. */
export const delegationInputSchema = z
  .object({
    kind: z.enum(DELEGATION_KINDS),
    office: z.enum(OFFICES),
    /** The user id of who acts. */
    delegate: z.string().trim().min(1).max(128),
    from: isoDate,
    to: isoDate,
    reason: plainText(500),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.to < d.from) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'ends before it starts',
        params: say('tidak boleh sebelum tanggal mulai (from)', 'must not be before the start date (from)'),
      });
    }
  });
export type DelegationInput = z.infer<typeof delegationInputSchema>;

export interface Delegation {
  id: string;
  regionId: string;
  kind: DelegationKind;
  office: Office;
  delegate: { id: string; name: string };
  from: string;
  to: string;
  reason: string;
  createdAt: string;
  createdBy: { sub: string; name: string };
  /** Ended early: `to` was brought forward to the day before, and this says when, by whom, why. */
  ended?: { at: string; by: { sub: string; name: string }; reason: string; plannedTo: string };
}

/** Whether the delegation runs on `day` (a WIB date). */
export const inForceOn = (d: Pick<Delegation, 'from' | 'to'>, day: string): boolean =>
  d.from <= day && day <= d.to;

/** Whether two periods share a day (an ended delegation's period may be empty: it shares none). */
export const overlaps = (a: Pick<Delegation, 'from' | 'to'>, b: Pick<Delegation, 'from' | 'to'>) =>
  a.from <= a.to && b.from <= b.to && a.from <= b.to && b.from <= a.to;

/** Who someone acting for an office is, as a clerk reads it: "Plt. Kepala Daerah (Name)". */
export function actingName(d: Pick<Delegation, 'kind' | 'office' | 'delegate'>, lang: 'id' | 'en'): string {
  const office = ROLE_NAMES[d.office][lang];
  const name = d.delegate.name;
  if (d.kind === 'an') return lang === 'id' ? `${name} a.n. ${office}` : `${name} on behalf of the ${office}`;
  return `${d.kind === 'plt' ? 'Plt.' : 'Plh.'} ${office} (${name})`;
}

/** What an action's audit event says of the capacity its actor acted in, in the official form. */
export interface OnBehalfOf {
  delegationId: string;
  kind: DelegationKind;
  office: Office;
  /** The office as the region names it ("Gubernur Jawa Tengah"). */
  title: string;
  /** The lines the signature block prints above the signer's name: "a.n. GUBERNUR JAWA TENGAH", "Sekretaris Daerah". */
  officialForm: string[];
}

/**
 * The official form Indonesian documents use for someone signing for an office: "a.n. GUBERNUR JAWA
 * TENGAH" over the signer's own position, or "Plt. BUPATI …" / "Plh. …".
 */
export function onBehalfOf(d: Delegation, title: string, ownPosition: string): OnBehalfOf {
  const office = title.toLocaleUpperCase('id');
  const officialForm =
    d.kind === 'an' ? [`a.n. ${office}`, ownPosition] : [`${d.kind === 'plt' ? 'Plt.' : 'Plh.'} ${office}`];
  return { delegationId: d.id, kind: d.kind, office: d.office, title, officialForm };
}
