import { type Agreement, archivedSha256 } from '../agreement/agreement.js';
import { mustSee } from '../agreement/queries.js';
import { type ChangeDeps, recordChange } from '../agreement/record-change.js';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import { say } from '../form/messages.js';
import { parse } from '../form/parse.js';
import { BIRO_ROLES, type Identity } from '../identity/identity.js';
import type { Agreements } from '../ports/agreements.js';
import { actorOf } from '../workflow/audit.js';
import { terminationSchema } from './lifecycle.js';

/** Agreements in force: what activity reports and the activity list are about. */
export const IN_FORCE: readonly Agreement['status'][] = ['active', 'expiring'];

export const onlyBiro = () =>
  new ForbiddenError(
    say('Hanya Biro Kerja Sama yang dapat melakukan ini', 'Only the Cooperation Bureau may do this'),
  );

/** POST …/terminate: the Biro records that an agreement in force ended early. */
export class Termination {
  constructor(private readonly deps: ChangeDeps & { agreements: Agreements }) {}

  /** It leaves every evaluation list, its counters move, and the archive record learns the date. */
  async terminate(id: string, user: Identity, body: unknown): Promise<Agreement> {
    const input = parse(terminationSchema, body);
    if (!BIRO_ROLES.includes(user.role)) throw onlyBiro();
    const { agreement } = await recordChange(this.deps, {
      load: () => mustSee(this.deps.agreements, id, user),
      decide: async (agreement, at) => {
        const lifecycle = agreement.lifecycle;
        if (!lifecycle || !['signed', ...IN_FORCE].includes(agreement.status)) {
          throw new ConflictError(
            `Only a signed agreement in force can be terminated; this one is ${agreement.status}`,
          );
        }
        if (input.on > at.slice(0, 10) || input.on < lifecycle.signedAt) {
          throw new ValidationError([
            {
              path: 'on',
              message: say(
                `harus antara tanggal penandatanganan (${lifecycle.signedAt}) dan hari ini`,
                `must be between the signing date (${lifecycle.signedAt}) and today`,
              ),
            },
          ]);
        }
        const { nextDue: _, ...rest } = lifecycle;
        return {
          after: { ...agreement, status: 'terminated', lifecycle: { ...rest, terminatedOn: input.on } },
          event: {
            actor: actorOf(user),
            action: 'terminate',
            documentSha256: archivedSha256(agreement),
            comment: input.reason,
          },
          items: [
            { kind: 'list-leave', slot: 'VALIDITY' },
            { kind: 'list-leave', slot: 'OPEN' },
            { kind: 'list-leave', slot: 'ACTIVITY' },
            { kind: 'terminated', on: input.on },
          ],
          result: undefined,
        };
      },
    });
    return agreement;
  }
}
