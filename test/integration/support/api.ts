import type { StackHandle } from './stack.js';

export interface ApiResponse {
  status: number;
  type: string;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
  json: any;
  res: Response;
}

/** Calls the API as a demo user (or anonymously with `undefined`). */
export function apiAs(stack: StackHandle, username: string | undefined) {
  let token: string | undefined;
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse> => {
    if (username && !token) token = await stack.token(username);
    const res = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, json: type.includes('json') ? await res.json() : undefined, res };
  };
}
