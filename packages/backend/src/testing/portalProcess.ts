import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

/** The repository root and the backend package, for starting real backend processes in tests. */
// Test helpers run from the source tree, never from a production bundle.
// eslint-disable-next-line no-restricted-syntax
export const REPO_ROOT = path.resolve(__dirname, '../../../..');
const BACKEND_DIR = path.join(REPO_ROOT, 'packages/backend');

/** A free TCP port on loopback (closed again before it is returned). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface PortalProcess {
  url: string;
  metricsUrl: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** A user token for the guest (a member of team-platform), from this process's auth backend. */
  guestToken(): Promise<string>;
  /** The value of every sample of a Prometheus metric, summed, optionally filtered by labels. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts the real backend (`packages/backend/src/index.ts`, every plugin) as a child process with
 * app-config.yaml, the sandbox layer app-config.sandbox.yaml and `config`, on its own port, and waits until it is ready. The caller gives
 * the database, cache and infra settings and the sandbox GitHub the catalog reads
 * (`...sandbox.githubConfig()`); the process logs to a buffer the test can read.
 */
export async function startPortalProcess(options: {
  name: string;
  config: Record<string, unknown>;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /** The backend's and its metrics server's ports (default: free ones). */
  port?: number;
  metricsPort?: number;
}): Promise<PortalProcess> {
  const port = options.port ?? (await freePort());
  const metricsPort = options.metricsPort ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `portal-${options.name}-`));
  const configFile = path.join(dir, 'app-config.test.yaml');
  const config = {
    ...options.config,
    app: { baseUrl: url },
    backend: {
      baseUrl: url,
      listen: { port, host: '127.0.0.1' },
      cors: { origin: url },
      ...(options.config.backend as object | undefined),
    },
    portal: {
      ...(options.config.portal as object | undefined),
      metrics: { port: metricsPort, host: '127.0.0.1' },
    },
  };
  fs.writeFileSync(configFile, stringify(config));
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      path.join(REPO_ROOT, 'app-config.yaml'),
      '--config',
      path.join(REPO_ROOT, 'app-config.sandbox.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: BACKEND_DIR,
      env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  // For a look at a run afterwards (benches, a failing readiness test): the whole output in a file.
  if (process.env.PORTAL_PROCESS_LOG_DIR) {
    const file = fs.createWriteStream(path.join(process.env.PORTAL_PROCESS_LOG_DIR, `${options.name}.log`));
    child.stdout!.pipe(file);
    child.stderr!.pipe(file);
  }
  let exited: number | null = null;
  child.on('exit', code => (exited = code ?? -1));

  const deadline = Date.now() + (options.readyTimeoutMs ?? 240_000);
  for (;;) {
    if (exited !== null) {
      throw new Error(`backend ${options.name} exited with ${exited}:\n${output.slice(-4000)}`);
    }
    try {
      const res = await fetch(`${url}/.backstage/health/v1/readiness`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`backend ${options.name} not ready in time:\n${output.slice(-4000)}`);
    }
    await new Promise(r => setTimeout(r, 500));
  }

  let token: string | undefined;
  const guestToken = async () => {
    if (token) return token;
    const res = await fetch(`${url}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    if (!res.ok) throw new Error(`guest sign-in failed: ${res.status} ${await res.text()}`);
    token = (await res.json()).backstageIdentity.token as string;
    return token;
  };
  // Ready is not the same as having ingested the example catalog (the GitHub providers read the
  // sandbox's GitHub in the background): wait for the entities the tests use, then sign in again, since a token carries the ownership the catalog knew when it was issued.
  const needed = [
    'component/default/checkout-service',
    'user/default/guest',
    'user/default/kato.minato',
    'group/default/team-platform',
  ];
  for (;;) {
    const auth = { Authorization: `Bearer ${await guestToken()}` };
    const found = await Promise.all(
      needed.map(ref =>
        fetch(`${url}/api/catalog/entities/by-name/${ref}`, { headers: auth })
          .then(r => r.ok)
          .catch(() => false),
      ),
    );
    if (found.every(Boolean)) break;
    token = undefined;
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`backend ${options.name} never ingested the example catalog:\n${output.slice(-4000)}`);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  token = undefined;
  return {
    url,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    output: () => output,
    guestToken,
    async metric(name, labels = {}) {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      let sum = 0;
      for (const line of text.split('\n')) {
        const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? ([-+\d.eE]+|NaN)$/.exec(line);
        if (!match || match[1] !== name) continue;
        const labelText = match[2] ?? '';
        if (Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`))) {
          sum += Number(match[3]);
        }
      }
      return sum;
    },
    async stop() {
      if (exited !== null) return;
      const done = new Promise<void>(resolve => child.once('exit', () => resolve()));
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => {
        if (exited === null) process.kill(-child.pid!, 'SIGKILL');
      }, 15_000);
      await done;
      clearTimeout(timer);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RedisServer {
  url: string;
  port: number;
  /** Number of keys in the database. */
  dbsize(): Promise<number>;
  stop(): Promise<void>;
}

export const REDIS_SERVER = '/usr/bin/redis-server';

/** A throw-away Redis on loopback: no persistence, its own port. */
export async function startRedis(options: { port?: number } = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const command = (line: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      let data = '';
      socket.on('data', d => {
        data += d;
        if (data.endsWith('\r\n')) {
          socket.end();
          resolve(data);
        }
      });
      socket.on('error', reject);
      socket.write(`${line}\r\n`);
    });
  for (let i = 0; ; i++) {
    try {
      if ((await command('PING')).startsWith('+PONG')) break;
    } catch (e) {
      if (i > 100) throw e;
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dbsize: async () => Number((await command('DBSIZE')).replace(/[^\d]/g, '')),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise(r => child.once('exit', r));
    },
  };
}

/** The connection string of the PostgreSQL server the store tests use (scripts/postgres.sh). */
export function testPostgresUrl(): string | undefined {
  const key = Object.keys(process.env).find(k => /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k));
  return key ? process.env[key] : undefined;
}
