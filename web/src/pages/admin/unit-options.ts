import { api, query } from '../../api.js';
import { type Paged, useAsync } from '../../components/common.js';
import { useI18n } from '../../i18n.js';
import type { Unit } from '../../types.js';

async function activeUnits(): Promise<Unit[]> {
  const units: Unit[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<Paged<Unit>>('GET', `/api/admin/units${query({ cursor, limit: '100' })}`);
    units.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return units;
}

/** The active units as choices (code · name), with a first choice meaning none or any. */
export function useUnitOptions(none: string): (readonly [string, string])[] {
  const { bi } = useI18n();
  const units = useAsync(activeUnits, []);
  return [['', none], ...(units.data ?? []).map((u) => [u.code, `${u.code} · ${bi(u.name)}`] as const)];
}
