import { voidNumber } from '../../shared/register/void-number.js';
import { authenticated, json, jsonBody } from '../http.js';
import { voidDeps } from '../wiring/register.js';

/** POST /api/register/{year}/{sequence}/void with { reason }: the number voided, never given again. */
export const handler = authenticated(async (event, user) =>
  json(200, await voidNumber(voidDeps(), user, event.pathParameters ?? {}, jsonBody(event))),
);
