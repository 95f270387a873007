import { composeDocument } from '../shared/documents/compose.js';
import { renderAgreement } from '../shared/documents/render.js';
import { parseAgreementForm } from '../shared/form/agreement-form.js';
import { BUILTIN_TEMPLATES } from '../templates/index.js';
import { renderDocx as baselineDocx } from './baseline/docx.js';
import { renderPdf as baselinePdf } from './baseline/pdf.js';
import { realisticMou } from './realistic-mou.js';
import { report, summarise, time } from './stats.js';

/**
 * Render time of the realistic MoU, today's renderers against the ones before issue 16 (bench/baseline),
 * interleaved in one run so that both see the same machine.
 */
export async function renderBench() {
  const form = parseAgreementForm(realisticMou());
  const context = { documentNumber: '119/0042/KS/2019 · v1', issuedAt: '2019-08-01T02:00:00.000Z' };
  const first = await renderAgreement(form, BUILTIN_TEMPLATES[form.documentType], context);
  console.log(
    `realistic MoU: ${first.pageCount} pages, PDF ${(first.pdf.byteLength / 1024).toFixed(0)} KB, DOCX ${(first.docx.byteLength / 1024).toFixed(0)} KB`,
  );
  const before = async () => {
    const document = composeDocument(form, BUILTIN_TEMPLATES[form.documentType], context);
    await Promise.all([baselinePdf(document), baselineDocx(document)]);
  };
  const after = () => renderAgreement(form, BUILTIN_TEMPLATES[form.documentType], context);
  const samples = { before: [] as number[], after: [] as number[] };
  for (let round = 0; round < 20; round++) {
    samples.before.push(...(await time(10, round ? 0 : 20, before)));
    samples.after.push(...(await time(10, round ? 0 : 20, after)));
  }
  report('render PDF + DOCX, before issue 16 (warm)', samples.before);
  report('render PDF + DOCX (warm)', samples.after, '≤ 25 ms median');
  const ratio = summarise(samples.after).median / summarise(samples.before).median;
  console.log(
    `render time after / before: ${ratio.toFixed(2)} (hyphenation, keeps, tagging, PDF/A; at most 1.30)`,
  );
}
