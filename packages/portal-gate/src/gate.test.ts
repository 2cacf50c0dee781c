import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXIT, main, parseDuration, parseOptions } from './gate';

/** A stand-in portal on loopback whose answers the test scripts, logging each request. */
async function fakePortal(
  answer: (req: http.IncomingMessage, body: string) => { status: number; json?: unknown; delayMs?: number },
) {
  const requests: Array<{ method: string; url: string; auth?: string; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', d => (body += d));
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
      const a = answer(req, body);
      setTimeout(() => {
        res.writeHead(a.status, { 'Content-Type': 'application/json' });
        res.end(a.json === undefined ? '' : JSON.stringify(a.json));
      }, a.delayMs ?? 0);
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function run(argv: string[], env: Record<string, string | undefined> = { PORTAL_TOKEN: 'ci-token' }) {
  const out: string[] = [];
  const err: string[] = [];
  return main(argv, { fetch, env, out: l => out.push(l), err: l => err.push(l) }).then(code => ({
    code,
    out: out.join('\n'),
    err: err.join('\n'),
  }));
}

const blocked = {
  entityRef: 'component:default/auth-service',
  allowed: false,
  decision: 'blocked',
  policy: 'exhausted',
  reason: 'Blocked: the error budget is exhausted (−20.0 % left).',
};

describe('portal-gate', () => {
  it('exits 1 on a blocked gate and 0 on an allowed one, printing the decision and the reason', async () => {
    const portal = await fakePortal(req =>
      req.url!.includes('auth-service')
        ? { status: 200, json: blocked }
        : {
            status: 200,
            json: {
              entityRef: 'component:default/checkout-service',
              allowed: true,
              decision: 'allowed',
              reason: 'Allowed: 80.0 % of the budget left.',
            },
          },
    );
    try {
      const no = await run(['--entity', 'component:default/auth-service', '--url', portal.url]);
      expect(no.code).toBe(EXIT.blocked);
      expect(no.out).toBe(
        'portal-gate: component:default/auth-service: BLOCKED — Blocked: the error budget is exhausted (−20.0 % left).',
      );
      const yes = await run(['--entity', 'checkout-service', '--url', portal.url]);
      expect(yes.code).toBe(EXIT.allowed);
      expect(yes.out).toMatch(/ALLOWED — Allowed: 80.0 %/);
      // The static token from $PORTAL_TOKEN, on the gate route of the entity (a bare name is a Component).
      expect(portal.requests.map(r => [r.method, r.url, r.auth])).toEqual([
        ['GET', '/api/slo/entities/component/default/auth-service/gate', 'Bearer ci-token'],
        ['GET', '/api/slo/entities/component/default/checkout-service/gate', 'Bearer ci-token'],
      ]);
    } finally {
      await portal.close();
    }
  });

  it('retries a failing gate read (5xx) and answers once the portal does', async () => {
    let n = 0;
    const portal = await fakePortal(() =>
      ++n < 3 ? { status: 503, json: { error: { message: 'starting' } } } : { status: 200, json: blocked },
    );
    try {
      const r = await run(['--entity', 'auth-service', '--url', portal.url, '--deadline', '10s']);
      expect(r.code).toBe(EXIT.blocked);
      expect(portal.requests).toHaveLength(3);
      expect(r.err).toMatch(/attempt 1 failed \(HTTP 503: starting\); retrying/);
    } finally {
      await portal.close();
    }
  });

  it('exits 2 within its deadline when the portal does not answer, or as --on-unknown says', async () => {
    const portal = await fakePortal(() => ({ status: 200, json: blocked, delayMs: 5000 }));
    try {
      const started = Date.now();
      const r = await run(['--entity', 'auth-service', '--url', portal.url, '--deadline', '800ms']);
      const took = Date.now() - started;
      expect(r.code).toBe(EXIT.unknown);
      expect(r.out).toMatch(/UNKNOWN — the portal at .* did not answer within 0.8s/);
      expect(took).toBeLessThan(2000);
      expect(
        (await run(['--entity', 'auth-service', '--url', portal.url, '--deadline', '300ms', '--on-unknown', 'allow']))
          .code,
      ).toBe(EXIT.allowed);
      expect(
        (await run(['--entity', 'auth-service', '--url', portal.url, '--deadline', '300ms', '--on-unknown', 'block']))
          .code,
      ).toBe(EXIT.blocked);
    } finally {
      await portal.close();
    }
  });

  it('asks again while the portal is still reading its first counts, and decides once they are in', async () => {
    let n = 0;
    const loading = {
      entityRef: 'component:default/auth-service',
      allowed: true,
      decision: 'unknown',
      defaultDecision: 'allow',
      reason: 'Unknown: the Datadog counts are still being read for the first time.',
      reasonCode: 'slo.gate.noDataAllow',
      reasonParams: { noData: 'loading' },
      freshness: { state: 'loading' },
    };
    const portal = await fakePortal(() => ({ status: 200, json: ++n < 3 ? loading : blocked }));
    try {
      const r = await run(['--entity', 'auth-service', '--url', portal.url, '--deadline', '10s']);
      expect(r.code).toBe(EXIT.blocked);
      expect(portal.requests).toHaveLength(3);
      expect(r.err).toMatch(/still reading the SLO counts \(attempt 1\); asking again/);
      // Still loading at the deadline: unknown, with the portal's reason.
      n = -1000;
      const late = await run(['--entity', 'auth-service', '--url', portal.url, '--deadline', '600ms']);
      expect(late.code).toBe(EXIT.unknown);
      expect(late.out).toMatch(/UNKNOWN — Unknown: the Datadog counts are still being read/);
    } finally {
      await portal.close();
    }
  });

  it("exits 2 on the gate's unknown decision unless --on-unknown decides", async () => {
    const portal = await fakePortal(() => ({
      status: 200,
      json: {
        entityRef: 'component:default/new-service',
        allowed: true,
        decision: 'unknown',
        defaultDecision: 'allow',
        reason: 'Unknown: no request in the window.',
      },
    }));
    try {
      const r = await run(['--entity', 'new-service', '--url', portal.url]);
      expect(r.code).toBe(EXIT.unknown);
      expect(r.out).toMatch(/UNKNOWN — Unknown: no request in the window. \(the portal's default: allow\)/);
      expect((await run(['--entity', 'new-service', '--url', portal.url, '--on-unknown', 'block'])).code).toBe(
        EXIT.blocked,
      );
    } finally {
      await portal.close();
    }
  });

  it('exits 2 without retrying on a refused token or an unknown entity, even with --on-unknown allow', async () => {
    const portal = await fakePortal(req =>
      req.headers.authorization === 'Bearer ci-token'
        ? { status: 404, json: { error: { name: 'NotFoundError', message: 'No entity component:default/typo' } } }
        : { status: 401, json: { error: { name: 'AuthenticationError', message: 'Illegal token' } } },
    );
    try {
      const missing = await run(['--entity', 'typo', '--url', portal.url, '--on-unknown', 'allow']);
      expect(missing.code).toBe(EXIT.unknown);
      expect(missing.err).toMatch(/HTTP 404: No entity component:default\/typo/);
      const refused = await run(['--entity', 'typo', '--url', portal.url], { PORTAL_TOKEN: 'wrong' });
      expect(refused.code).toBe(EXIT.unknown);
      expect(refused.err).toMatch(/HTTP 401: Illegal token/);
      expect(portal.requests).toHaveLength(2);
    } finally {
      await portal.close();
    }
  });

  it('overrides with a reason through one POST, and refuses an override without a reason', async () => {
    const portal = await fakePortal(() => ({
      status: 200,
      json: {
        entityRef: 'component:default/auth-service',
        allowed: true,
        decision: 'overridden',
        reason: 'P0: login outage fix',
        actor: 'ci-deploy-gate',
        at: '2026-12-06T00:00:00.000Z',
        gate: blocked,
      },
    }));
    try {
      const none = await run(['--entity', 'auth-service', '--url', portal.url, '--override']);
      expect(none.code).toBe(EXIT.unknown);
      expect(none.err).toMatch(/--override needs --reason/);
      const blank = await run(['--entity', 'auth-service', '--url', portal.url, '--override', '--reason', '  ']);
      expect(blank.code).toBe(EXIT.unknown);
      expect(portal.requests).toHaveLength(0);

      const r = await run([
        '--entity',
        'auth-service',
        '--url',
        portal.url,
        '--override',
        '--reason',
        'P0: login outage fix',
      ]);
      expect(r.code).toBe(EXIT.allowed);
      expect(r.out).toMatch(/ALLOWED \(overridden by ci-deploy-gate: P0: login outage fix\) — the gate said blocked/);
      expect(portal.requests).toEqual([
        expect.objectContaining({
          method: 'POST',
          url: '/api/slo/entities/component/default/auth-service/gate/override',
          body: JSON.stringify({ reason: 'P0: login outage fix' }),
        }),
      ]);
    } finally {
      await portal.close();
    }
  });

  it('reads its options: token variable, URL from $PORTAL_URL, deadline units; refuses bad ones', () => {
    expect(
      parseOptions(['--entity', 'x', '--token-env', 'GATE'], { PORTAL_URL: 'https://portal.example.co/' }),
    ).toEqual({
      entity: 'x',
      url: 'https://portal.example.co',
      tokenEnv: 'GATE',
      deadlineMs: 20_000,
    });
    expect(parseDuration('1m')).toBe(60_000);
    expect(parseDuration('1500ms')).toBe(1500);
    expect(parseDuration('20')).toBe(20_000);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
    expect(() => parseOptions(['--entity', 'x', '--on-unknown', 'maybe'], {})).toThrow(/must be block or allow/);
    expect(() => parseOptions(['--url', 'http://x'], {})).toThrow(/--entity is required/);
    expect(() => parseOptions(['--entity', 'x', '--reason', 'why'], {})).toThrow(/--reason goes with --override/);
  });

  it('exits 2 when the token variable is empty', async () => {
    const r = await run(['--entity', 'auth-service', '--url', 'http://127.0.0.1:9'], {});
    expect(r.code).toBe(EXIT.unknown);
    expect(r.err).toMatch(/\$PORTAL_TOKEN is empty/);
  });
});
