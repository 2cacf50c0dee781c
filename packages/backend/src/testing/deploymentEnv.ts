import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from './portalProcess';

type Obj = any;

/** The parsed documents of docker/kubernetes/*.yaml. */
export function readManifests(): Obj[] {
  const dir = path.join(REPO_ROOT, 'docker/kubernetes');
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(d => d.toJS()))
    .filter(Boolean);
}

/** The final stage of docker/Dockerfile: its CMD (exec form), ENV values and COPY lines. */
export function dockerfileFinalStage() {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'docker/Dockerfile'), 'utf8');
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  const from = lines.map((l, i) => (/^FROM\s/i.test(l) ? i : -1)).filter(i => i >= 0);
  const stage = lines.slice(from[from.length - 1]);
  const cmd = stage.filter(l => /^CMD\s/.test(l)).pop();
  if (!cmd) throw new Error('the final stage of docker/Dockerfile has no CMD');
  const env: Record<string, string> = {};
  for (const l of stage.filter(s => /^ENV\s/.test(s))) {
    for (const m of l.slice(4).matchAll(/([A-Z_][A-Z0-9_]*)=("[^"]*"|\S+)/g)) env[m[1]] = m[2].replace(/^"|"$/g, '');
  }
  const argv = JSON.parse(cmd.slice(4)) as string[];
  return {
    text,
    argv,
    configFiles: argv.flatMap((a, i) => (argv[i - 1] === '--config' ? [a] : [])),
    env,
    copies: stage.filter(l => /^COPY\s/.test(l)),
  };
}

/** The test value given to a Secret key (a number where the config reads one, e.g. a GitHub App id). */
export const secretTestValue = (key: string) =>
  /APP_ID$/.test(key) ? '123456' : `test-secret-${key.toLowerCase().replace(/_/g, '-')}`;

/**
 * The environment the manifests give the portal container `backend` of the Deployment
 * `platform-portal`: literal values, ConfigMap values as written, and every Secret key that exists
 * in a Secret of the manifests as a test value. A variable whose source is missing is left out.
 */
export function portalContainerEnv(manifests: Obj[] = readManifests()): Record<string, string> {
  const deployment = manifests.find(m => m.kind === 'Deployment' && m.metadata?.name === 'platform-portal');
  const container = deployment.spec.template.spec.containers.find((c: Obj) => c.name === 'backend');
  const configMaps = new Map(manifests.filter(m => m.kind === 'ConfigMap').map(m => [m.metadata.name, m.data ?? {}]));
  const secretKeys = new Map(
    manifests
      .filter(m => m.kind === 'Secret')
      .map(m => [m.metadata.name, Object.keys({ ...(m.stringData ?? {}), ...(m.data ?? {}) })]),
  );
  const env: Record<string, string> = {};
  for (const ref of container.envFrom ?? []) {
    if (ref.configMapRef) Object.assign(env, configMaps.get(ref.configMapRef.name));
    if (ref.secretRef) for (const k of secretKeys.get(ref.secretRef.name) ?? []) env[k] = secretTestValue(k);
  }
  for (const e of container.env ?? []) {
    if (e.value !== undefined) env[e.name] = String(e.value);
    else if (e.valueFrom?.secretKeyRef) {
      const { name, key } = e.valueFrom.secretKeyRef;
      if ((secretKeys.get(name) ?? []).includes(key)) env[e.name] = secretTestValue(key);
    } else if (e.valueFrom?.configMapKeyRef) {
      const { name, key } = e.valueFrom.configMapKeyRef;
      const value = configMaps.get(name)?.[key];
      if (value !== undefined) env[e.name] = String(value);
    }
  }
  return env;
}
