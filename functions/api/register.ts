import { authenticated, binary, json } from '../http.js';
import { registerBook } from '../wiring/register.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET /api/register?year=&cursor=&limit=: the register book a page at a time, or `&format=xlsx` whole. */
export const handler = authenticated(async (event, user) => {
  const query = event.queryStringParameters ?? {};
  if (query.format === 'xlsx') {
    const { year, bytes } = await registerBook().workbook(user, query);
    return binary(bytes, XLSX, `register-${year}.xlsx`);
  }
  return json(200, await registerBook().page(user, query));
});
