import { parseArgs } from 'node:util';

/** Exit codes: the deploy may go ahead, may not, or nobody could tell. */
export const EXIT = { allowed: 0, blocked: 1, unknown: 2 } as const;

export interface GateOptions {
  entity: string;
  url: string;
  tokenEnv: string;
  deadlineMs: number;
  /** What an unknown decision or an unreachable portal means; undefined: exit 2. */
  onUnknown?: 'block' | 'allow';
  override?: { reason: string };
}

export class UsageError extends Error {}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

export const USAGE = `Usage: portal-gate --entity <entity ref> [--url <portal url>] [--token-env <variable>]
                   [--deadline <20s>] [--on-unknown block|allow] [--override --reason "<why>"]

Asks the Platform Portal's SLO deploy gate whether a deploy of the entity may go ahead.
Exit code: 0 allowed, 1 blocked, 2 unknown (no SLO data) or the portal unreachable within the
deadline; --on-unknown block|allow turns unknown and unreachable into 1 or 0 instead.
A refused token (401/403) or an unknown entity (404) is always 2.

  --entity      component:default/payment-service (a bare name is a Component of default)
  --url         the portal's base URL (default: $PORTAL_URL, else http://localhost:7007)
  --token-env   the environment variable holding the portal's static token (default PORTAL_TOKEN)
  --deadline    how long to keep trying, e.g. 20s, 1m, 1500ms (default 20s)
  --override    for P0 and security fixes: allow this deploy whatever the gate says; needs
  --reason      why (recorded in the portal's audit log with the token's subject and the entity)`;

/** `20s`, `1m`, `1500ms`, `20` (seconds). */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new UsageError(`--deadline: "${text}" is not a duration such as 20s, 1m or 1500ms`);
  const n = Number(m[1]);
  const ms = n * UNIT_MS[m[2] ?? 's'];
  if (ms < 100 || ms > 600_000) throw new UsageError('--deadline: must be between 100ms and 10m');
  return ms;
}

export function parseOptions(argv: string[], env: Record<string, string | undefined>): GateOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        entity: { type: 'string' },
        url: { type: 'string' },
        'token-env': { type: 'string' },
        deadline: { type: 'string' },
        'on-unknown': { type: 'string' },
        override: { type: 'boolean' },
        reason: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) throw new UsageError('');
  if (!values.entity?.trim())
    throw new UsageError('--entity is required, e.g. --entity component:default/payment-service');
  const onUnknown = values['on-unknown'];
  if (onUnknown !== undefined && onUnknown !== 'block' && onUnknown !== 'allow') {
    throw new UsageError(`--on-unknown: must be block or allow, not "${onUnknown}"`);
  }
  if (values.reason !== undefined && !values.override) {
    throw new UsageError('--reason goes with --override');
  }
  if (values.override && !values.reason?.trim()) {
    throw new UsageError(
      '--override needs --reason "<why>" (e.g. "P0: checkout outage fix, INC-1234"): it is recorded in the audit log',
    );
  }
  const url = (values.url ?? env.PORTAL_URL ?? 'http://localhost:7007').replace(/\/+$/, '');
  if (!URL.canParse(url)) {
    throw new UsageError(`--url: "${url}" is not a URL`);
  }
  return {
    entity: values.entity.trim(),
    url,
    tokenEnv: values['token-env'] ?? 'PORTAL_TOKEN',
    deadlineMs: values.deadline ? parseDuration(values.deadline) : 20_000,
    ...(onUnknown ? { onUnknown } : {}),
    ...(values.override ? { override: { reason: values.reason!.trim() } } : {}),
  };
}

/** `component:default/payment-service` → `component/default/payment-service` (encoded). */
export function entityPath(entity: string): string {
  const m = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(entity);
  if (!m) throw new UsageError(`--entity: "${entity}" is not an entity ref such as component:default/payment-service`);
  const [, kind = 'component', namespace = 'default', name] = m;
  return [kind, namespace, name].map(s => encodeURIComponent(s.toLocaleLowerCase('en-US'))).join('/');
}

interface GateAnswer {
  entityRef: string;
  allowed: boolean;
  decision: 'allowed' | 'blocked' | 'unknown' | 'overridden';
  reason: string;
  defaultDecision?: 'allow' | 'block';
  actor?: string;
  gate?: { decision: string; reason: string };
  /** Why the decision is unknown (`reasonParams.noData`: `loading` while the portal reads its first counts). */
  reasonParams?: { noData?: string };
  freshness?: { state?: string };
}

/** An unknown decision only because the portal is still reading its first SLO counts (a cold start). */
const stillLoading = (a: GateAnswer) =>
  a.decision === 'unknown' && (a.reasonParams?.noData === 'loading' || a.freshness?.state === 'loading');

/** Failures worth another attempt: the network, a timeout, 5xx and 429. */
class Retryable extends Error {}

export interface GateDeps {
  fetch: typeof fetch;
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Runs the gate and returns the exit code. */
export async function runGate(options: GateOptions, deps: GateDeps): Promise<number> {
  const now = deps.now ?? (() => Date.now());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>(r => setTimeout(r, ms)));
  const deadline = now() + options.deadlineMs;
  const token = deps.env[options.tokenEnv];
  if (!token) {
    deps.err(
      `portal-gate: $${options.tokenEnv} is empty: set it to the portal's static token (backend.auth.externalAccess)`,
    );
    return EXIT.unknown;
  }
  const path = `/api/slo/entities/${entityPath(options.entity)}/gate`;

  const unknown = (why: string) => {
    if (options.onUnknown === 'allow') {
      deps.out(`portal-gate: ${options.entity}: ALLOWED (--on-unknown allow) — ${why}`);
      return EXIT.allowed;
    }
    if (options.onUnknown === 'block') {
      deps.out(`portal-gate: ${options.entity}: BLOCKED (--on-unknown block) — ${why}`);
      return EXIT.blocked;
    }
    deps.out(`portal-gate: ${options.entity}: UNKNOWN — ${why}`);
    return EXIT.unknown;
  };

  /** One HTTP attempt, aborted at the deadline. */
  const attempt = async (method: 'GET' | 'POST', route: string, body?: unknown): Promise<GateAnswer> => {
    const remaining = Math.max(deadline - now(), 1);
    let res: Response;
    try {
      res = await deps.fetch(`${options.url}${route}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(remaining),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new Retryable(
        (e as Error).name === 'TimeoutError'
          ? 'no answer within the deadline'
          : cause?.code ?? cause?.message ?? (e as Error).message,
      );
    }
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (res.status >= 500 || res.status === 429) {
      throw new Retryable(`HTTP ${res.status}${json?.error?.message ? `: ${json.error.message}` : ''}`);
    }
    if (!res.ok) {
      throw new Error(`HTTP ${res.status}: ${json?.error?.message ?? text.slice(0, 300)}`);
    }
    if (!json || typeof json.allowed !== 'boolean') throw new Error(`unexpected answer: ${text.slice(0, 300)}`);
    return json;
  };

  let answer: GateAnswer;
  try {
    if (options.override) {
      // An override is recorded once: never repeated automatically.
      answer = await attempt('POST', `${path}/override`, { reason: options.override.reason });
    } else {
      // The gate is a read: repeated with backoff until it answers or the deadline passes; an
      // answer that is unknown only because the counts are still loading is asked again too.
      let delay = 250;
      for (let tries = 1; ; tries++) {
        try {
          answer = await attempt('GET', path);
          const left = deadline - now();
          if (!stillLoading(answer) || left <= delay + 50) break;
          deps.err(`portal-gate: the portal is still reading the SLO counts (attempt ${tries}); asking again`);
          await sleep(delay);
          delay = Math.min(delay * 2, 4000);
        } catch (e) {
          if (!(e instanceof Retryable)) throw e;
          const left = deadline - now();
          // No time for another attempt: report this one's failure.
          if (left <= 50) throw new Retryable(`${e.message} (after ${tries} attempt${tries > 1 ? 's' : ''})`);
          deps.err(`portal-gate: attempt ${tries} failed (${e.message}); retrying`);
          await sleep(Math.min(delay, left - 50));
          delay = Math.min(delay * 2, 4000);
        }
      }
    }
  } catch (e) {
    if (e instanceof Retryable) {
      return unknown(`the portal at ${options.url} did not answer within ${options.deadlineMs / 1000}s: ${e.message}`);
    }
    deps.err(`portal-gate: ${options.entity}: ${(e as Error).message}`);
    return EXIT.unknown;
  }

  if (answer.decision === 'overridden') {
    deps.out(
      `portal-gate: ${answer.entityRef}: ALLOWED (overridden by ${answer.actor}: ${answer.reason}) — the gate said ${answer.gate?.decision}: ${answer.gate?.reason}`,
    );
    return EXIT.allowed;
  }
  if (answer.decision === 'unknown') {
    return unknown(
      `${answer.reason}${answer.defaultDecision ? ` (the portal's default: ${answer.defaultDecision})` : ''}`,
    );
  }
  deps.out(`portal-gate: ${answer.entityRef}: ${answer.allowed ? 'ALLOWED' : 'BLOCKED'} — ${answer.reason}`);
  return answer.allowed ? EXIT.allowed : EXIT.blocked;
}

/** The CLI: options from argv, then the gate. */
export async function main(argv: string[], deps: GateDeps): Promise<number> {
  let options: GateOptions;
  try {
    options = parseOptions(argv, deps.env);
    entityPath(options.entity);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) deps.err(`portal-gate: ${e.message}`);
      deps.err(USAGE);
      return EXIT.unknown;
    }
    throw e;
  }
  return runGate(options, deps);
}
