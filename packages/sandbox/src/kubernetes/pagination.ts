import type { KubeObject } from './meta';

/**
 * `limit` / `continue` chunking. Like the API server, the continue token is opaque base64 JSON
 * naming the list's resourceVersion and the key to start after; `remainingItemCount` is only
 * given for unfiltered lists.
 */

export class InvalidContinue extends Error {}

interface Token {
  v: 'meta.k8s.io/v1';
  rv: number;
  start: string;
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function decode(token: string): Token | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Token;
    return typeof parsed.start === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export interface Page {
  items: KubeObject[];
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
}

export function paginate(
  items: KubeObject[],
  resourceVersion: string,
  limit: number | undefined,
  continueToken: string | undefined,
  filtered: boolean,
): Page {
  let rest = items;
  if (continueToken) {
    const token = decode(continueToken);
    if (!token)
      throw new InvalidContinue(
        'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
      );
    rest = items.filter(o => keyOf(o) > token.start);
  }
  if (!limit || rest.length <= limit) return { items: rest, metadata: { resourceVersion } };
  const page = rest.slice(0, limit);
  const token: Token = { v: 'meta.k8s.io/v1', rv: Number(resourceVersion), start: keyOf(page[page.length - 1]) };
  return {
    items: page,
    metadata: {
      resourceVersion,
      continue: Buffer.from(JSON.stringify(token)).toString('base64'),
      ...(filtered ? {} : { remainingItemCount: rest.length - limit }),
    },
  };
}
