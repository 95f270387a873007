import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import demoRegion from '../../infra/local/seed/demo-region.json' with { type: 'json' };

/** The contract's sample forms, read from the team folder beside the repository. */
const SAMPLES_DIR = fileURLToPath(new URL('../../../shared/contract/samples/', import.meta.url));

export type SampleName = 'mou' | 'pks' | 'loi';

const FILES: Record<SampleName, string> = {
  mou: 'mou-ksdpl-jateng-queensland.json',
  pks: 'pks-ksdpk-banten-disdik.json',
  loi: 'loi-ksdll-kukar-jica.json',
};

/** A fresh, mutable copy of a sample form each call. */
// biome-ignore lint/suspicious/noExplicitAny: tests edit samples freely to make them invalid
export function sample(name: SampleName): any {
  return JSON.parse(readFileSync(`${SAMPLES_DIR}${FILES[name]}`, 'utf8'));
}

/** The demo OPD that drafts each sample on the embedded stack, and its drafter. */
export const DRAFTER: Record<SampleName, { unit: string; username: string; head: string }> = {
  mou: { unit: 'DISPAR', username: 'dispar.penyusun', head: 'dispar.kepala' },
  loi: { unit: 'DISPAR', username: 'dispar.penyusun', head: 'dispar.kepala' },
  pks: { unit: 'DISDIK', username: 'disdik.penyusun', head: 'disdik.kepala' },
};

/** The demo region's name of a unit, as the API stores it with each version. */
export const unitName = (code: string): string => {
  const unit = demoRegion.units.find((u) => u.code === code);
  if (!unit) throw new Error(`no unit ${code} in the demo region`);
  return unit.name.id;
};

/** A sample whose initiating unit is its demo OPD, named as the demo region's registry names it. */
// biome-ignore lint/suspicious/noExplicitAny: as `sample`
export function sampleFor(name: SampleName): any {
  const form = sample(name);
  form.initiatingUnit = { code: DRAFTER[name].unit, name: unitName(DRAFTER[name].unit) };
  return form;
}
