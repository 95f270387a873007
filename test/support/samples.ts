import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

/** A sample whose initiating unit is its demo OPD. */
// biome-ignore lint/suspicious/noExplicitAny: as `sample`
export function sampleFor(name: SampleName): any {
  const form = sample(name);
  form.initiatingUnit.code = DRAFTER[name].unit;
  return form;
}
