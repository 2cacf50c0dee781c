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

/**
 * Waits until the portal has read its first SLO counts (a fresh process answers SLO pages
 * `loading` until then, as the UI shows and asks again): the fleet read until no part of it is
 * `loading`, at most `timeoutMs`.
 */
export async function waitForSloCounts(portal: PortalProcess, token: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const fleet = await callPortal(portal, token, 'GET', '/api/slo/fleet');
    const loading =
      fleet.json?.freshness?.state === 'loading' ||
      (fleet.json?.rows ?? []).some((r: { noData?: { code?: string } }) => r.noData?.code === 'loading');
    if (fleet.status === 200 && (fleet.json?.rows ?? []).length > 0 && !loading) return;
    if (Date.now() > deadline) {
      throw new Error(`the SLO counts were still loading after ${timeoutMs} ms: ${fleet.text.slice(0, 500)}`);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}
