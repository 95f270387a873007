import * as z from 'zod';
import { documentToSign } from '../agreement/agreement.js';
import { mustSee } from '../agreement/queries.js';
import { type ChangeDeps, recordChange } from '../agreement/record-change.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { say } from '../form/messages.js';
import { parse } from '../form/parse.js';
import { plainText } from '../form/text.js';
import type { Identity, Role } from '../identity/identity.js';
import type { Agreements } from '../ports/agreements.js';
import type { RegisterStore } from '../ports/register.js';
import { actorOf } from '../workflow/audit.js';
import type { RegisterEntry } from './entry.js';
import { mustHoldRole, registerYearSchema } from './register-book.js';

/** Who voids a number: the head of the Biro, or an admin. */
const VOIDERS: readonly Role[] = ['biro_head', 'admin'];
/** Only an agreement whose route ended unsigned gives its number back to the register as voided. */
const ENDED_UNSIGNED = ['rejected', 'withdrawn'];

export const voidParamsSchema = z.object({
  year: registerYearSchema,
  sequence: z.coerce.number().int().min(1).max(999_999),
});
export const voidBodySchema = z.object({ reason: plainText(500) }).strict();

export interface VoidDeps extends ChangeDeps {
  register: RegisterStore;
  agreements: Agreements;
  regionId: string;
}

/**
 * POST /api/register/{year}/{sequence}/void with { reason }: the number of an agreement whose route
 * ended unsigned (rejected or withdrawn) is voided, on its register entry and in the agreement's
 * audit trail at once, with who and when; it is never given again.
 */
export async function voidNumber(
  deps: VoidDeps,
  user: Identity,
  params: unknown,
  body: unknown,
): Promise<RegisterEntry> {
  mustHoldRole(user, VOIDERS, (names, lang) =>
    lang === 'id' ? `Hanya ${names} yang dapat membatalkan nomor` : `Only ${names} may void a number`,
  );
  const { year, sequence } = parse(voidParamsSchema, params);
  const { reason } = parse(voidBodySchema, body);
  const entryOf = async () => {
    const entry = await deps.register.entry(deps.regionId, year, sequence);
    if (!entry) throw new NotFoundError(`Register number ${sequence} of ${year}`);
    return entry;
  };
  const { agreementId } = await entryOf();
  const { result } = await recordChange(deps, {
    load: () => mustSee(deps.agreements, agreementId),
    decide: async (agreement, at) => {
      const [entry, version] = await Promise.all([
        entryOf(),
        deps.agreements.getVersion(agreement.id, agreement.currentVersion),
      ]);
      if (entry.voided) {
        const { voided } = entry;
        throw new ConflictError(
          say(
            `Nomor ${entry.number} sudah dibatalkan oleh ${voided.by.name} pada ${voided.at}: ${voided.reason}`,
            `Number ${entry.number} was voided by ${voided.by.name} at ${voided.at}: ${voided.reason}`,
          ),
          { voided },
        );
      }
      if (!ENDED_UNSIGNED.includes(agreement.status) || agreement.signedDocument) {
        throw new ConflictError(
          say(
            `Nomor ${entry.number} dipakai kerja sama yang berstatus ${agreement.status}: hanya nomor kerja sama yang ditolak atau ditarik yang dapat dibatalkan`,
            `Number ${entry.number} belongs to an agreement that is ${agreement.status}: only the number of a rejected or withdrawn agreement can be voided`,
          ),
          { agreementId: agreement.id, status: agreement.status },
        );
      }
      if (!version) throw new ConflictError(`Version ${agreement.currentVersion} is missing`);
      const voided = { reason, at, by: { sub: user.sub, name: user.name, role: user.role } };
      return {
        after: { ...agreement, register: { year, sequence, voided } },
        event: {
          actor: actorOf(user),
          action: 'void_number',
          documentSha256: documentToSign(agreement, version).sha256,
          comment: reason,
          register: { number: entry.number, year, sequence },
        },
        items: [{ kind: 'register-void', entry, voided }],
        result: { ...entry, voided },
      };
    },
  });
  return result;
}
