import { readFileSync } from 'node:fs';
import { renderAgreement } from '../shared/documents/render.js';
import { SAMPLE_VARIANTS, sampleDraft } from '../shared/template-library/samples.js';
import { diffTemplates } from '../shared/template-library/template-diff.js';
import { readTemplateFile } from '../shared/template-library/template-file.js';
import { BUILTIN_TEMPLATES } from '../templates/index.js';
import { report, time } from './stats.js';

/**
 * What ValidateTemplate spends on an uploaded MoU besides S3 and DynamoDB: reading the file (YAML with
 * positions, schema, rules), the clause diff, and the twelve sample documents.
 */
export async function templateBench() {
  const bytes = readFileSync(new URL('../templates/mou.yaml', import.meta.url));
  const read = () => {
    const { template } = readTemplateFile(bytes);
    if (!template) throw new Error('the built-in MoU is refused');
    return template;
  };
  report(
    'read + check the MoU template file (11 KB)',
    await time(50, 10, async () => read()),
    '≤ 20 ms median',
  );
  const template = read();
  report(
    'clause diff against the version in force',
    await time(50, 10, async () => diffTemplates(BUILTIN_TEMPLATES.MOU, template)),
  );
  const samples = async () => {
    for (const variant of SAMPLE_VARIANTS) {
      const { form, context } = sampleDraft('MOU', variant);
      await renderAgreement(
        form,
        { ...template, id: 'mou', version: 0 },
        { documentNumber: 'SAMPLE', ...context },
      );
    }
  };
  report('render the 6 samples, PDF + DOCX (warm)', await time(10, 2, samples), '≤ 500 ms median');
}
