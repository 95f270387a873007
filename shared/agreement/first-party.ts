import type { RegionEmblem, RegionProfile } from '../admin/region.js';
import type { Unit } from '../admin/unit.js';
import type { ComposeContext } from '../documents/compose.js';
import { ValidationError } from '../errors.js';
import {
  type AgreementForm,
  type AgreementFormInput,
  agreementFormInputSchema,
  type Party,
  parseAgreementForm,
} from '../form/agreement-form.js';
import { say } from '../form/messages.js';
import { parse } from '../form/parse.js';
import type { FileStore } from '../ports/files.js';
import type { RegionProfiles } from '../ports/region.js';
import type { UnitRegistry } from '../ports/units.js';

/** What completing a form reads: the region's profile and its unit registry. */
export interface FormCompletionDeps {
  regionId: string;
  profiles: Pick<RegionProfiles, 'get'>;
  units: Pick<UnitRegistry, 'get'>;
}

/** The whole form, and the region's emblem when the first party is printed with it. */
export interface CompletedForm {
  form: AgreementForm;
  regionEmblem?: RegionEmblem['print'];
}

const text = (t: { id: string; en: string }, bilingual: boolean) => (bilingual ? t : { id: t.id });

/**
 * The first party as the region's profile has it, for what the client left out: the region's name,
 * Indonesia, the head of region signing in their position (and on their authority, if set), the
 * address. What the client gave (a number, an emblem, or any of these) stays.
 */
export function firstPartyFrom(
  profile: RegionProfile,
  given: Partial<Party> | null,
  languages: AgreementForm['languages'],
): Party {
  const bilingual = languages.includes('en');
  const { head } = profile;
  return {
    ...given,
    name: given?.name ?? text(profile.name, bilingual),
    country: given?.country ?? 'ID',
    signatory: given?.signatory ?? {
      name: head.name,
      position: text(head.position, bilingual),
      ...(head.authority ? { authority: text(head.authority, bilingual) } : {}),
    },
    address: given?.address ?? profile.address,
  };
}

const isComplete = (p: Partial<Party> | null): p is Party =>
  p !== null && p.name !== undefined && p.country !== undefined && p.signatory !== undefined;

/** The unit a form names, which must be in the registry and active: else a 400 naming the field. */
export function mustBeActive(code: string, unit: Unit | undefined): Unit {
  if (!unit?.active) {
    throw new ValidationError([
      {
        path: 'initiatingUnit.code',
        message: unit
          ? say(
              `unit ${code} sudah dinonaktifkan: pilih unit yang aktif`,
              `the unit ${code} has been deactivated: choose an active unit`,
            )
          : say(
              `${code} bukan unit dalam daftar unit daerah: minta administrator menambahkannya`,
              `${code} is not a unit in the region's registry: ask the administrator to add it`,
            ),
      },
    ]);
  }
  return unit;
}

/**
 * A form as a client sent it → the whole form: the first party completed from the region's profile,
 * the initiating unit checked against the registry (active units only) and named as the registry
 * names it now, so that each version keeps the name the unit had when it was drafted.
 */
export async function completeForm(deps: FormCompletionDeps, body: unknown): Promise<CompletedForm> {
  const input: AgreementFormInput = parse(agreementFormInputSchema, body);
  const code = input.initiatingUnit.code;
  const [profile, unit] = await Promise.all([
    deps.profiles.get(deps.regionId),
    deps.units.get(deps.regionId, code),
  ]);
  const registered = mustBeActive(code, unit);
  const [given, ...others] = input.parties;
  if (!profile && !isComplete(given)) {
    throw new ValidationError([
      {
        path: 'parties[0]',
        message: say(
          'profil daerah belum diisi, jadi pihak pertama harus diisi lengkap (nama, negara, penanda tangan); atau minta administrator mengisi profil daerah',
          'the region profile is not set up, so the first party must be given in full (name, country, signatory); or ask the administrator to set up the region profile',
        ),
      },
    ]);
  }
  const first = profile ? firstPartyFrom(profile, given, input.languages) : (given as Party);
  const form = parseAgreementForm({
    ...input,
    initiatingUnit: { code, name: registered.name.id },
    parties: [first, ...others],
  });
  const regionEmblem = !form.parties[0]?.emblem && profile?.emblem ? profile.emblem.print : undefined;
  return regionEmblem ? { form, regionEmblem } : { form };
}

/** What the composer is given besides the form: the region's emblem for the first party, if it has one. */
export async function regionEmblemContext(
  files: Pick<FileStore, 'get'>,
  emblem: CompletedForm['regionEmblem'],
): Promise<Pick<ComposeContext, 'emblems'>> {
  if (!emblem) return {};
  return { emblems: [{ party: 0, image: { bytes: await files.get(emblem.key), contentType: 'image/png' } }] };
}
