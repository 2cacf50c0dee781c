/*
 * The backend bundle the image ships: `yarn build:backend`, unpacked as the Dockerfile unpacks it,
 * holds every file the backend reads at run time, refuses to start in production against the
 * sandbox, and — allowed to reach the sandbox for this test only — starts with the Dockerfile's
 * config chain and the manifests' environment, and answers the routes that read those files.
 */
import { startSandbox, type Sandbox } from '@internal/sandbox';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dockerfileFinalStage, portalContainerEnv } from '../testing/deploymentEnv';
import {
  freePort,
  REDIS_SERVER,
  REPO_ROOT,
  startRedis,
  testPostgresUrl,
  type RedisServer,
} from '../testing/portalProcess';

const pgUrl = testPostgresUrl();
const haveRedis = fs.existsSync(REDIS_SERVER);
const ready = Boolean(pgUrl && haveRedis);
if (!ready && process.env.CI) {
  test('bundle test prerequisites', () => {
    throw new Error('the bundle test needs PostgreSQL (run through npm test) and redis-server');
  });
}

const BUNDLE = path.join(REPO_ROOT, 'packages/backend/dist/bundle.tar.gz');

/** Every `resolvePackagePath('<package>', '<path>')` in the sources of the bundled workspace packages. */
function filesReadAtRunTime(packageDirs: string[]): string[] {
  const found = new Set<string>();
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(p);
      return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
    });
  for (const dir of packageDirs) {
    const src = path.join(REPO_ROOT, dir, 'src');
    if (!fs.existsSync(src)) continue;
    for (const file of walk(src)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/resolvePackagePath\(\s*'(@internal\/[^']+)'\s*,\s*'([^']+)'/g)) {
        const pkgDir = packageDirs.find(d => {
          const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, d, 'package.json'), 'utf8'));
          return pkg.name === m[1];
        });
        if (pkgDir) found.add(`${pkgDir}/${m[2]}`);
      }
    }
  }
  return [...found].sort();
}

/**
 * node_modules for the unpacked bundle: the repository's installed packages, except that the
 * workspace packages resolve to the bundle's own built copies (as in the image).
 */
function linkDependencies(dir: string, workspaceDirs: string[]) {
  const nm = path.join(dir, 'node_modules');
  fs.mkdirSync(nm);
  const rootNm = path.join(REPO_ROOT, 'node_modules');
  const workspaceNames = new Map<string, string>();
  for (const d of workspaceDirs) {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, d, 'package.json'), 'utf8'));
    workspaceNames.set(pkg.name, d);
  }
  for (const entry of fs.readdirSync(rootNm)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      fs.mkdirSync(path.join(nm, entry));
      for (const sub of fs.readdirSync(path.join(rootNm, entry))) {
        const name = `${entry}/${sub}`;
        const target = workspaceNames.has(name) ? path.join(dir, workspaceNames.get(name)!) : path.join(rootNm, name);
        if (workspaceNames.has(name) || !fs.lstatSync(path.join(rootNm, name)).isSymbolicLink()) {
          fs.symlinkSync(target, path.join(nm, name));
        }
      }
    } else {
      const target = workspaceNames.has(entry) ? path.join(dir, workspaceNames.get(entry)!) : path.join(rootNm, entry);
      if (workspaceNames.has(entry) || !fs.lstatSync(path.join(rootNm, entry)).isSymbolicLink()) {
        fs.symlinkSync(target, path.join(nm, entry));
      }
    }
  }
}

(ready ? describe : describe.skip)('the backend bundle of the image', () => {
  jest.setTimeout(600_000);
  let dir: string;
  let listing: string[];
  let workspaceDirs: string[];
  let sandbox: Sandbox;
  let redis: RedisServer;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // As the image's build stage runs it (Jest's NODE_ENV=test has no browserslist entry for the app).
    const build = spawnSync('yarn', ['build:backend'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 480_000,
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (build.status !== 0)
      throw new Error(`yarn build:backend failed:\n${(build.stdout + build.stderr).slice(-4000)}`);
    listing = spawnSync('tar', ['tzf', BUNDLE], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bundle-'));
    const unpack = spawnSync('tar', ['xzf', BUNDLE, '-C', dir]);
    if (unpack.status !== 0) throw new Error(`tar failed: ${unpack.stderr}`);
    workspaceDirs = [...new Set(listing.map(f => f.split('/').slice(0, 2).join('/')))].filter(
      d => fs.existsSync(path.join(dir, d, 'package.json')) && /^(packages|plugins)\//.test(d),
    );
    linkDependencies(dir, workspaceDirs);
    // What the final stage copies from the build context (config files).
    for (const copy of dockerfileFinalStage().copies.filter(c => !/--from=/.test(c))) {
      const args = copy
        .replace(/^COPY\s+/, '')
        .split(/\s+/)
        .filter(a => !a.startsWith('--'));
      for (const src of args.slice(0, -1)) {
        fs.cpSync(path.join(REPO_ROOT, src), path.join(dir, args[args.length - 1], path.basename(src)), {
          recursive: true,
        });
      }
    }
    sandbox = await startSandbox({
      ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
    });
    redis = await startRedis();
  });

  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
    await redis?.stop();
    await sandbox?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds every file the backend reads at run time (support types, PRR templates, migrations)', () => {
    const needed = filesReadAtRunTime(workspaceDirs);
    // eslint-disable-next-line no-console
    console.log(`bundle: ${listing.length} entries; read at run time:\n  ${needed.join('\n  ')}`);
    expect(needed).toEqual(
      expect.arrayContaining([
        'plugins/support-backend/types/default.yaml',
        'plugins/prr-backend/templates',
        'plugins/audit-backend/migrations',
        'plugins/support-backend/migrations',
      ]),
    );
    const missing = needed.filter(f => !listing.some(entry => entry === f || entry.startsWith(`${f}/`)));
    expect(missing).toEqual([]);
    // The directories hold the files, not only the folder entries.
    expect(listing).toEqual(
      expect.arrayContaining([
        'plugins/prr-backend/templates/default.yaml',
        'plugins/support-backend/types/default.yaml',
      ]),
    );
    for (const dirName of needed.filter(f => f.endsWith('/migrations'))) {
      expect(listing.filter(e => e.startsWith(`${dirName}/`) && e.endsWith('.js')).length).toBeGreaterThan(0);
    }
  });

  /** The sandbox's endpoints and credentials, as environment variables over the production chain. */
  function envFor(port: number): Record<string, string> {
    const pg = new URL(pgUrl!);
    const infra = sandbox.infraConfig();
    const github = sandbox.githubConfig({ discoverySeconds: 5, orgSeconds: 5 });
    return {
      PORTAL_BASE_URL: `http://127.0.0.1:${port}`,
      APP_CONFIG_backend_listen: JSON.stringify({ port, host: '127.0.0.1' }),
      POSTGRES_HOST: pg.hostname,
      POSTGRES_PORT: pg.port,
      POSTGRES_USER: decodeURIComponent(pg.username),
      POSTGRES_PASSWORD: decodeURIComponent(pg.password) || 'unused',
      APP_CONFIG_backend_database_prefix: `bundle_${process.pid}_${Date.now() % 100000}_`,
      REDIS_URL: redis.url,
      APP_CONFIG_infra_kubernetes_clusters: JSON.stringify(infra.kubernetes.clusters),
      APP_CONFIG_infra_datadog_baseUrl: infra.datadog.baseUrl,
      DD_API_KEY: infra.datadog.apiKey,
      DD_APP_KEY: infra.datadog.appKey,
      APP_CONFIG_infra_pagerduty_apiBaseUrl: infra.pagerduty.apiBaseUrl,
      APP_CONFIG_infra_pagerduty_eventsServer: infra.pagerduty.eventsServer,
      APP_CONFIG_infra_pagerduty_eventsCaFile: infra.pagerduty.eventsCaFile,
      PAGERDUTY_TOKEN: infra.pagerduty.token,
      // The sandbox's GitHub organisation next to the company's (github.com is not reachable here:
      // its provider fails its runs and logs it, as it would during a GitHub outage).
      APP_CONFIG_integrations_github: JSON.stringify([
        ...github.integrations.github,
        { host: 'github.com', token: 'test-token-github-com' },
      ]),
      APP_CONFIG_catalog_providers: JSON.stringify(github.catalog.providers),
      APP_CONFIG_portal_metrics_port: '0',
      LOG_LEVEL: 'info',
    };
  }

  async function waitReady(url: string, proc: { child: ChildProcess; output(): string }) {
    const deadline = Date.now() + 240_000;
    for (;;) {
      if (proc.child.exitCode !== null)
        throw new Error(`bundle exited with ${proc.child.exitCode}:\n${proc.output().slice(-4000)}`);
      // Backstage logs a failed start-up as an unhandled rejection and keeps the process alive.
      if (/"message":"Unhandled rejection/.test(proc.output()))
        throw new Error(`bundle failed to start:\n${proc.output().slice(-4000)}`);
      const ok = await fetch(`${url}/.backstage/health/v1/readiness`).then(
        r => r.ok,
        () => false,
      );
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`bundle not ready in time:\n${proc.output().slice(-4000)}`);
      await new Promise(r => setTimeout(r, 500));
    }
  }

  it('refuses to start in production against the sandbox, naming the keys', async () => {
    const proc = await startBundleWith({});
    const code = await new Promise<number | null>(resolve => proc.child.once('exit', c => resolve(c)));
    expect(code).not.toBe(0);
    expect(proc.output()).toContain('Refusing to start in production');
    expect(proc.output()).toMatch(/- infra\.datadog\.baseUrl points at this machine/);
    expect(proc.output()).toMatch(/- infra\.pagerduty\.token holds a sandbox credential/);
  });

  it('starts with the production chain against the sandbox (allowed for this test) and answers /api/support/types', async () => {
    const proc = await startBundleWith({
      PORTAL_ALLOW_SANDBOX_UPSTREAMS: 'true',
      // A user to call the routes with: guest sign-in, allowed here only through the escape hatch.
      APP_CONFIG_auth_providers_guest: JSON.stringify({ dangerouslyAllowOutsideDevelopment: true }),
    });
    const url = `http://127.0.0.1:${proc.port}`;
    const started = Date.now();
    await waitReady(url, proc);
    // eslint-disable-next-line no-console
    console.log(`bundle ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(proc.output()).toContain('PORTAL_ALLOW_SANDBOX_UPSTREAMS=true');
    const refresh = await fetch(`${url}/api/auth/guest/refresh`, { headers: { 'x-requested-with': 'XMLHttpRequest' } });
    expect(refresh.status).toBe(200);
    const token = (await refresh.json()).backstageIdentity.token as string;
    const auth = { Authorization: `Bearer ${token}` };
    const types = await fetch(`${url}/api/support/types`, { headers: auth });
    expect(types.status).toBe(200);
    const body = await types.json();
    expect(body.items.length).toBeGreaterThanOrEqual(10);
    expect(body.items.map((t: { id: string }) => t.id)).toContain('kubernetes-manifest-change');
    const templates = await fetch(`${url}/api/prr/templates`, { headers: auth });
    expect(templates.status).toBe(200);
    // The bundled GitHub modules ingest the (sandbox) organisation's catalog-info.yaml files.
    const deadline = Date.now() + 120_000;
    let found = false;
    while (!found && Date.now() < deadline) {
      const res = await fetch(`${url}/api/catalog/entities/by-name/component/default/checkout-service`, {
        headers: auth,
      });
      found = res.ok;
      if (!found) await new Promise(r => setTimeout(r, 1000));
    }
    expect(found).toBe(true);
    process.kill(-proc.child.pid!, 'SIGTERM');
  });

  /** Starts the unpacked bundle as the image's CMD does, with the manifests' environment, the sandbox's and `extra`. */
  async function startBundleWith(extra: Record<string, string>) {
    const port = await freePort();
    const stage = dockerfileFinalStage();
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      ...portalContainerEnv(),
      ...stage.env,
      ...envFor(port),
      ...extra,
    };
    const child = spawn(process.execPath, stage.argv.slice(1), {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', d => (output += d));
    child.stderr!.on('data', d => (output += d));
    return { port, child, output: () => output };
  }
});
