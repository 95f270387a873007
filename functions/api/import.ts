import { importWorkbook } from '../../shared/admin/imports.js';
import { CSV_TYPE, XLSX_TYPE } from '../../shared/admin/workbook.js';
import { say } from '../../shared/form/messages.js';
import { authenticated, fileBody, json } from '../http.js';
import { regionId } from '../wiring/admin.js';
import { importDeps } from '../wiring/imports.js';

const MAX_BYTES = 5 * 1024 * 1024;

/** POST /api/admin/imports: a workbook (XLSX) or CSV file of units and users → each row's outcome. */
export const handler = authenticated(async (event, user) => {
  const file = () =>
    fileBody(
      event,
      [XLSX_TYPE, CSV_TYPE],
      say(
        `Kirim buku kerja XLSX (Content-Type: ${XLSX_TYPE}) atau berkas CSV (text/csv)`,
        `Send an XLSX workbook (Content-Type: ${XLSX_TYPE}) or a CSV file (text/csv)`,
      ),
      MAX_BYTES,
    );
  return json(200, await importWorkbook(importDeps(), user, regionId(), file));
});
