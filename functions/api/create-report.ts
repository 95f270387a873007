import { authenticated, json, jsonBody } from '../http.js';
import { reportService } from '../wiring/reports.js';

/** POST /api/reports with { period: "2026" | "2026-S1" }: generates the periodic report now. */
export const handler = authenticated(async (event, user) =>
  json(201, await reportService().request(jsonBody(event), user)),
);
