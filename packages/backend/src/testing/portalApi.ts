import type { PortalProcess } from './portalProcess';

export interface Answer {
  status: number;
  text: string;
  json: any;
}

/** One HTTP call to a portal process: JSON in and out, optional bearer token, or a raw body. */
export async function callPortal(
  portal: PortalProcess,
  token: string | undefined,
  method: string,
  route: string,
  body?: unknown,
  options: { raw?: string; contentType?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (options.raw !== undefined) {
    payload = options.raw;
    headers['Content-Type'] = options.contentType ?? 'application/json';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = options.contentType ?? 'application/json';
  }
  const res = await fetch(`${portal.url}${route}`, { method, headers, body: payload });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}
