/*
 * Static checks of the deployment files: docker/Dockerfile, /.dockerignore and the
 * Kubernetes manifests in docker/kubernetes/. Nothing is built or applied; the files are
 * parsed and checked for what a deployer relies on (see docker/README.md).
 */
import fs from 'node:fs';
import path from 'node:path';
// yaml, ajv and ajv-formats are root devDependencies; they are not (yet) declared in
// packages/backend/package.json, which @backstage/no-undeclared-imports expects.
import { parseAllDocuments, parseDocument } from 'yaml';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

// Parsed YAML/JSON of arbitrary shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

const root = path.resolve(__dirname, '../../..');
const dockerfilePath = path.join(root, 'docker', 'Dockerfile');
const dockerignorePath = path.join(root, '.dockerignore');
const k8sDir = path.join(root, 'docker', 'kubernetes');
const productionConfigPath = path.join(root, 'app-config.production.yaml');
const contractPath = path.join(
  process.env.PORTAL_CONTRACTS_DIR ?? path.resolve(root, '../shared/contracts'),
  'kubernetes.json',
);

const NAMESPACE = 'platform-portal';
const PORTAL = 'platform-portal';
const PORTAL_PORT = 7007;
const READINESS_PATH = '/.backstage/health/v1/readiness';
const LIVENESS_PATH = '/.backstage/health/v1/liveness';
const EXAMPLE_SECRETS_FILE = 'secrets.example.yaml';
const PLACEHOLDER = 'CHANGE_ME';
const PART_OF_LABEL = 'app.kubernetes.io/part-of';
const EXPECTED_CMD = [
  'node',
  'packages/backend',
  '--config',
  'app-config.yaml',
  '--config',
  'app-config.production.yaml',
];

const hasContracts = fs.existsSync(contractPath);
const describeIfContracts = hasContracts ? describe : describe.skip;
if (!hasContracts) {
  // eslint-disable-next-line no-console
  console.warn(
    `Kubernetes contract file is absent (${contractPath}): skipping the OpenAPI validation of the manifests.`,
  );
}

const readText = (file: string) => fs.readFileSync(file, 'utf8');
const rootPackageJson: Obj = JSON.parse(readText(path.join(root, 'package.json')));

// ---------------------------------------------------------------------------------------------
// Credential detection (shared by the Dockerfile and manifest checks)
// ---------------------------------------------------------------------------------------------

const SECRET_NAME_RE = /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|APP_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)/i;

const CREDENTIAL_PATTERNS: Array<[string, RegExp]> = [
  ['private key block', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['AWS access key id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{30,}/],
  ['GitHub fine-grained token', /\bgithub_pat_[A-Za-z0-9_]{30,}/],
  ['Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}/],
  ['JSON Web Token', /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ['URL with an embedded password', /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s/@]+@/i],
  ['32/40-digit hex key', /\b(?:[a-f0-9]{32}|[a-f0-9]{40})\b/i],
];

/** Returns why a value looks like a real credential, or undefined. */
function credentialReason(value: string): string | undefined {
  for (const [name, re] of CREDENTIAL_PATTERNS) {
    if (re.test(value)) return name;
  }
  if (
    value.length >= 24 &&
    /^[A-Za-z0-9+/=_-]+$/.test(value) &&
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    /[0-9]/.test(value)
  ) {
    return 'long random-looking token';
  }
  return undefined;
}

function collectStrings(value: unknown, at: string, out: Array<[string, string]>) {
  if (typeof value === 'string') {
    out.push([at, value]);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => collectStrings(v, `${at}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([`${at}.<key>`, k]);
      collectStrings(v, `${at}.${k}`, out);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dockerfile parsing
// ---------------------------------------------------------------------------------------------

type Instruction = { keyword: string; args: string; line: number };
type Stage = {
  index: number;
  name?: string;
  image: string;
  instructions: Instruction[];
};

function parseInstructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let current: { text: string; line: number } | undefined = undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const trimmed = raw.trim();
    // Comment lines are dropped, also in the middle of a continued instruction.
    if (trimmed.startsWith('#')) continue;
    if (!current) {
      if (trimmed === '') continue;
      current = { text: '', line: i + 1 };
    } else if (trimmed === '') {
      continue;
    }
    if (/\\\s*$/.test(raw)) {
      current.text += `${raw.replace(/\\\s*$/, '')} `;
      continue;
    }
    current.text += raw;
    const match = /^\s*(\S+)\s*([\s\S]*)$/.exec(current.text)!;
    out.push({
      keyword: match[1].toUpperCase(),
      args: match[2].trim(),
      line: current.line,
    });
    current = undefined;
  }
  if (current) {
    throw new Error(`Dockerfile ends inside a continued line (line ${current.line})`);
  }
  return out;
}

function parseStages(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const tokens = ins.args.split(/\s+/).filter(t => !t.startsWith('--'));
      const asIndex = tokens.findIndex(t => t.toLowerCase() === 'as');
      stages.push({
        index: stages.length,
        image: tokens[0],
        name: asIndex >= 0 ? tokens[asIndex + 1] : undefined,
        instructions: [],
      });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  return stages;
}

type CopyInstruction = {
  stage: Stage;
  ins: Instruction;
  from?: string;
  sources: string[];
  dest: string;
  workdir: string;
};

/** Splits COPY/ADD arguments into flags, sources and destination. */
function parseCopyArgs(args: string) {
  const flags: Record<string, string> = {};
  let rest = args;
  for (;;) {
    const m = /^--([a-z-]+)(?:=(\S*))?\s+/.exec(rest);
    if (!m) break;
    flags[m[1]] = m[2] ?? 'true';
    rest = rest.slice(m[0].length);
  }
  const parts: string[] = rest.trim().startsWith('[') ? JSON.parse(rest) : rest.trim().split(/\s+/);
  return { flags, sources: parts.slice(0, -1), dest: parts[parts.length - 1] };
}

function copiesOf(stage: Stage, keyword = 'COPY'): CopyInstruction[] {
  const out: CopyInstruction[] = [];
  let workdir = '/';
  for (const ins of stage.instructions) {
    if (ins.keyword === 'WORKDIR') {
      workdir = path.posix.resolve(workdir, ins.args);
    } else if (ins.keyword === keyword) {
      const { flags, sources, dest } = parseCopyArgs(ins.args);
      out.push({ stage, ins, from: flags.from, sources, dest, workdir });
    }
  }
  return out;
}

function workdirOf(stage: Stage): string {
  let workdir = '/';
  for (const ins of stage.instructions) {
    if (ins.keyword === 'WORKDIR') workdir = path.posix.resolve(workdir, ins.args);
  }
  return workdir;
}

/** Absolute paths in the image that a COPY writes (directories cover their contents). */
function copyTargets(copy: CopyInstruction): string[] {
  const dest = path.posix.resolve(copy.workdir, copy.dest);
  const intoDir = copy.dest.endsWith('/') || copy.dest === '.' || copy.sources.length > 1;
  return copy.sources.map(src => (intoDir ? path.posix.join(dest, path.posix.basename(src)) : dest));
}

function runsOf(stage: Stage): string[] {
  return stage.instructions.filter(i => i.keyword === 'RUN').map(i => i.args.replace(/^(--\S+\s+)+/, ''));
}

/** KEY=value pairs of ENV/ARG/LABEL (also the legacy `ENV KEY value` form). */
function keyValues(ins: Instruction): Array<[string, string]> {
  if (ins.keyword === 'ENV' && !/^[^\s=]+=/.test(ins.args)) {
    const [key, ...value] = ins.args.split(/\s+/);
    return [[key, value.join(' ')]];
  }
  const pairs: Array<[string, string]> = [];
  const re = /([^\s=]+)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g;
  for (const m of ins.args.matchAll(re)) {
    pairs.push([m[1], (m[2] ?? '').replace(/^(["'])([\s\S]*)\1$/, '$2')]);
  }
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// .dockerignore matching (Docker semantics: root-relative patterns, `**` for any depth,
// a matching parent directory excludes its contents, the last matching rule wins)
// ---------------------------------------------------------------------------------------------

type IgnoreRule = { pattern: string; negate: boolean; re: RegExp };

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else {
        re += '.*';
      }
    } else if (c === '*') {
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else {
      re += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}

function parseDockerignore(text: string): IgnoreRule[] {
  return text
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(l => l !== '' && !l.startsWith('#'))
    .map(line => {
      const negate = line.startsWith('!');
      const cleaned = path.posix.normalize(line.replace(/^!/, '').replace(/^\/+/, '')).replace(/\/+$/, '');
      return { pattern: line, negate, re: globToRegExp(cleaned) };
    });
}

function isDockerIgnored(relPath: string, rules: IgnoreRule[]): boolean {
  const parts = path.posix.normalize(relPath).split('/');
  let ignored = false;
  for (const rule of rules) {
    for (let n = 1; n <= parts.length; n++) {
      if (rule.re.test(parts.slice(0, n).join('/'))) {
        ignored = !rule.negate;
        break;
      }
    }
  }
  return ignored;
}

// ---------------------------------------------------------------------------------------------
// Manifests
// ---------------------------------------------------------------------------------------------

type Manifest = { file: string; index: number; doc: Obj };

function loadManifests() {
  const files = fs
    .readdirSync(k8sDir)
    .filter(f => /\.ya?ml$/.test(f))
    .sort();
  const manifests: Manifest[] = [];
  const parseErrors: string[] = [];
  for (const file of files) {
    const docs = parseAllDocuments(readText(path.join(k8sDir, file)));
    Array.from(docs).forEach((doc, index) => {
      for (const e of [...doc.errors, ...doc.warnings]) {
        parseErrors.push(`${file}#${index}: ${e.message}`);
      }
      const value = doc.errors.length === 0 ? doc.toJS() : undefined;
      if (value !== null && value !== undefined) {
        manifests.push({ file, index, doc: value });
      }
    });
  }
  return { files, manifests, parseErrors };
}

const { files: manifestFiles, manifests, parseErrors } = loadManifests();
const label = (m: Manifest) => `${m.file}#${m.index} ${m.doc?.kind}/${m.doc?.metadata?.name}`;
const ofKind = (kind: string) => manifests.filter(m => m.doc?.kind === kind);
const named = (kind: string, name: string) => ofKind(kind).find(m => m.doc?.metadata?.name === name);

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'PersistentVolume',
  'StorageClass',
  'IngressClass',
  'PriorityClass',
  'CustomResourceDefinition',
]);

/** Pod templates of the workloads, with their owner. */
function podSpecs(): Array<{ owner: Manifest; template: Obj; spec: Obj }> {
  return manifests
    .filter(m => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(m.doc?.kind))
    .map(m => ({
      owner: m,
      template: m.doc.spec?.template ?? {},
      spec: m.doc.spec?.template?.spec ?? {},
    }));
}

const containersOf = (spec: Obj): Obj[] => [...(spec.initContainers ?? []), ...(spec.containers ?? [])];

function secretKeys(name: string): Set<string> | undefined {
  const secret = named('Secret', name);
  if (!secret) return undefined;
  return new Set([...Object.keys(secret.doc.data ?? {}), ...Object.keys(secret.doc.stringData ?? {})]);
}

function configMapData(name: string): Record<string, string> | undefined {
  const cm = named('ConfigMap', name);
  if (!cm) return undefined;
  return { ...(cm.doc.data ?? {}) };
}

/** The container port a Service targetPort or probe port refers to. */
function resolvePort(containers: Obj[], port: unknown): number | undefined {
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (port === p.containerPort || port === p.name) return p.containerPort;
    }
  }
  return undefined;
}

function selectorMatches(selector: Record<string, string> | undefined, labels: Obj) {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

function portalDeployment(): Obj {
  const m = named('Deployment', PORTAL);
  if (!m) throw new Error(`no Deployment named ${PORTAL} in docker/kubernetes/`);
  return m.doc;
}

function portalContainer(): Obj {
  const containers: Obj[] = portalDeployment().spec?.template?.spec?.containers ?? [];
  const serving = containers.filter(c => (c.ports ?? []).some((p: Obj) => p.containerPort === PORTAL_PORT));
  if (serving.length !== 1) {
    throw new Error(
      `expected exactly one container of the portal Deployment to expose ${PORTAL_PORT}, found ${serving.length}`,
    );
  }
  return serving[0];
}

/** Environment variable names a container gets (env plus envFrom ConfigMaps and Secrets). */
function providedEnv(container: Obj): Set<string> {
  const names = new Set<string>();
  for (const e of container.env ?? []) names.add(e.name);
  for (const src of container.envFrom ?? []) {
    const prefix = src.prefix ?? '';
    const keys = src.configMapRef
      ? Object.keys(configMapData(src.configMapRef.name) ?? {})
      : Array.from(secretKeys(src.secretRef?.name) ?? []);
    for (const k of keys) names.add(prefix + k);
  }
  return names;
}

/** Values a container gets directly or from ConfigMaps (not from Secrets). */
function plainEnvValue(container: Obj, name: string): string | undefined {
  const direct = (container.env ?? []).find((e: Obj) => e.name === name);
  if (direct) {
    if (direct.value !== undefined) return String(direct.value);
    const ref = direct.valueFrom?.configMapKeyRef;
    return ref ? configMapData(ref.name)?.[ref.key] : undefined;
  }
  for (const src of container.envFrom ?? []) {
    const prefix = src.prefix ?? '';
    if (src.configMapRef && name.startsWith(prefix)) {
      const value = configMapData(src.configMapRef.name)?.[name.slice(prefix.length)];
      if (value !== undefined) return String(value);
    }
  }
  return undefined;
}

/** Environment variables a Backstage config file substitutes (`${VAR}` and `$env: VAR`). */
function configEnvVars(text: string): string[] {
  const vars = new Set<string>();
  const walk = (value: unknown) => {
    if (typeof value === 'string') {
      for (const m of value.matchAll(/(?<!\$)\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g)) {
        vars.add(m[1]);
      }
    } else if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === '$env' && typeof v === 'string') vars.add(v);
        else walk(v);
      }
    }
  };
  walk(parseDocument(text).toJS());
  return Array.from(vars).sort();
}

// =============================================================================================
// Dockerfile
// =============================================================================================

describe('docker/Dockerfile', () => {
  const stages = parseStages(parseInstructions(readText(dockerfilePath)));
  const finalStage = stages[stages.length - 1];
  const buildStage = stages.find(s => s.name === 'build');

  it('has a build stage and a separate final stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(buildStage).toBeDefined();
    expect(finalStage).not.toBe(buildStage);
    // The final stage starts from a base image, not from the stage with all dev dependencies.
    expect(stages.map(s => s.name)).not.toContain(finalStage.image);
  });

  it('uses Node base images allowed by the engines field of package.json', () => {
    const allowed = String(rootPackageJson.engines?.node ?? '')
      .split('||')
      .map(r => /^\D*(\d+)/.exec(r.trim())?.[1])
      .filter(Boolean);
    const stageNames = stages.map(s => s.name);
    const problems = stages
      .filter(s => !stageNames.includes(s.image))
      .flatMap(s => {
        const m = /^node:(\d+)[-.\w]*$/.exec(s.image);
        if (!m) return [`stage ${s.name ?? s.index}: ${s.image} is not a tagged node image`];
        return allowed.includes(m[1])
          ? []
          : [`stage ${s.name ?? s.index}: Node ${m[1]} is not in engines.node (${allowed})`];
      });
    expect(allowed.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('installs the Yarn version of packageManager (from npm, without Corepack) in every stage that runs yarn', () => {
    const expected = /^yarn@(\d+\.\d+\.\d+)/.exec(rootPackageJson.packageManager)?.[1];
    expect(expected).toBeDefined();
    const problems: string[] = [];
    for (const stage of stages) {
      const runs = runsOf(stage).join('\n');
      if (/corepack/.test(runs)) problems.push(`stage ${stage.name}: uses corepack`);
      const pinned = Array.from(runs.matchAll(/@yarnpkg\/cli-dist@(\S+)/g)).map(m => m[1]);
      for (const version of pinned) {
        if (version !== expected) {
          problems.push(`stage ${stage.name}: @yarnpkg/cli-dist@${version}, packageManager has ${expected}`);
        }
      }
      const usesYarn = runs.split('\n').some(r => /(^|&&|;|\s)yarn\s/.test(r));
      if (usesYarn && pinned.length === 0) {
        problems.push(`stage ${stage.name}: runs yarn without installing @yarnpkg/cli-dist@${expected}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('build stage installs immutably, type-checks and runs build:backend', () => {
    expect(rootPackageJson.scripts?.['build:backend']).toBeDefined();
    expect(rootPackageJson.scripts?.tsc).toBeDefined();
    const runs = runsOf(buildStage!);
    const at = (re: RegExp) => runs.findIndex(r => re.test(r));
    expect(at(/\byarn install --immutable\b/)).toBeGreaterThanOrEqual(0);
    expect(at(/\byarn tsc\b/)).toBeGreaterThan(at(/\byarn install\b/));
    expect(at(/\byarn build:backend\b/)).toBeGreaterThan(at(/\byarn install\b/));
  });

  it('every COPY --from names an earlier stage', () => {
    const problems: string[] = [];
    for (const stage of stages) {
      for (const copy of copiesOf(stage).filter(c => c.from !== undefined)) {
        const source = /^\d+$/.test(copy.from!) ? stages[Number(copy.from)] : stages.find(s => s.name === copy.from);
        if (!source || source.index >= stage.index) {
          problems.push(`line ${copy.ins.line}: --from=${copy.from} is not an earlier stage`);
        }
      }
    }
    expect(copiesOf(finalStage).some(c => c.from === buildStage?.name)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('final stage installs production dependencies from the skeleton, then unpacks the bundle', () => {
    const buildWorkdir = workdirOf(buildStage!);
    const fromBuild = copiesOf(finalStage).filter(c => c.from === buildStage!.name);
    const copiedFromBuild = fromBuild.flatMap(c =>
      c.sources.map(s => path.posix.relative(buildWorkdir, path.posix.resolve(buildWorkdir, s))),
    );
    // The two outputs of `backstage-cli package build` for the backend package.
    expect(copiedFromBuild).toEqual(
      expect.arrayContaining(['packages/backend/dist/skeleton.tar.gz', 'packages/backend/dist/bundle.tar.gz']),
    );
    expect(fs.existsSync(path.join(root, 'packages/backend/package.json'))).toBe(true);
    const runs = runsOf(finalStage);
    const at = (re: RegExp) => runs.findIndex(r => re.test(r));
    const skeleton = at(/tar\s+[a-z-]*x[a-z]*\s+skeleton\.tar\.gz/);
    const focus = at(/yarn workspaces focus --all --production/);
    const bundle = at(/tar\s+[a-z-]*x[a-z]*\s+bundle\.tar\.gz/);
    expect(skeleton).toBeGreaterThanOrEqual(0);
    expect(focus).toBeGreaterThan(skeleton);
    expect(bundle).toBeGreaterThan(focus);
    // Yarn needs the lockfile and .yarnrc.yml (nodeLinker) next to the skeleton.
    const targets = copiesOf(finalStage).flatMap(copyTargets);
    const workdir = workdirOf(finalStage);
    for (const file of ['package.json', 'yarn.lock', '.yarnrc.yml']) {
      expect(targets).toContain(path.posix.join(workdir, file));
    }
  });

  it('every file copied from the build context exists and is not excluded by .dockerignore', () => {
    const rules = parseDockerignore(readText(dockerignorePath));
    const problems: string[] = [];
    const contextCopies = stages.flatMap(s => [...copiesOf(s, 'COPY'), ...copiesOf(s, 'ADD')]);
    for (const copy of contextCopies.filter(c => c.from === undefined)) {
      for (const src of copy.sources) {
        const rel = path.posix.normalize(src.replace(/^\/+/, ''));
        if (rel.startsWith('..')) {
          problems.push(`line ${copy.ins.line}: ${src} is outside the build context`);
        } else if (/[*?[]/.test(rel)) {
          const dir = path.posix.dirname(rel);
          const re = globToRegExp(path.posix.basename(rel));
          const matches = fs.existsSync(path.join(root, dir))
            ? fs.readdirSync(path.join(root, dir)).filter(f => re.test(f))
            : [];
          if (!matches.some(f => !isDockerIgnored(path.posix.join(dir, f), rules))) {
            problems.push(`line ${copy.ins.line}: ${src} matches no file in the build context`);
          }
        } else if (rel !== '.') {
          if (!fs.existsSync(path.join(root, rel))) {
            problems.push(`line ${copy.ins.line}: ${src} does not exist in the repo`);
          } else if (isDockerIgnored(rel, rules)) {
            problems.push(`line ${copy.ins.line}: ${src} is excluded by .dockerignore`);
          }
        }
      }
    }
    expect(contextCopies.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('final stage runs as a non-root user', () => {
    const users = finalStage.instructions.filter(i => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1].args.split(':')[0].trim();
    expect(['', 'root', '0']).not.toContain(user);
    // Nothing after the last USER switches back to root.
    const lastUser = finalStage.instructions.lastIndexOf(users[users.length - 1]);
    expect(finalStage.instructions.slice(lastUser).filter(i => i.keyword === 'USER')).toHaveLength(1);
  });

  it('final stage exposes 7007 and has a Node-based HEALTHCHECK on the readiness endpoint', () => {
    const exposed = finalStage.instructions
      .filter(i => i.keyword === 'EXPOSE')
      .flatMap(i => i.args.split(/\s+/))
      .map(p => p.replace(/\/tcp$/, ''));
    expect(exposed).toContain(String(PORTAL_PORT));
    const checks = finalStage.instructions.filter(i => i.keyword === 'HEALTHCHECK');
    expect(checks).toHaveLength(1);
    const check = checks[0].args;
    expect(check).toMatch(/\bCMD\b/);
    expect(check).toContain(`localhost:${PORTAL_PORT}${READINESS_PATH}`);
    expect(check).toMatch(/"node"|\bnode\s/);
    // The slim base image has neither curl nor wget.
    expect(check).not.toMatch(/\b(curl|wget)\b/);
  });

  it('CMD starts packages/backend with app-config.yaml and app-config.production.yaml, both copied into the image', () => {
    const cmds = finalStage.instructions.filter(i => i.keyword === 'CMD');
    expect(cmds.length).toBeGreaterThan(0);
    const cmd: string[] = JSON.parse(cmds[cmds.length - 1].args);
    expect(cmd).toEqual(EXPECTED_CMD);
    const workdir = workdirOf(finalStage);
    const targets = copiesOf(finalStage).flatMap(copyTargets);
    const configs = cmd.filter((_, i) => cmd[i - 1] === '--config');
    for (const config of configs) {
      expect(fs.existsSync(path.join(root, config))).toBe(true);
      expect(targets).toContain(path.posix.resolve(workdir, config));
    }
  });

  it('reads the catalog from GitHub in production, and ships no catalog files in the image', () => {
    const config = parseDocument(readText(productionConfigPath)).toJS() ?? {};
    // No file locations: the example company must not reach production, and the company's own
    // entities (the portal's catalog-info.yaml included) come from the organisation's repositories.
    expect(config.catalog?.locations ?? []).toEqual([]);
    expect(config.catalog?.providers?.github).toBeDefined();
    const discovery = Object.values(config.catalog.providers.github) as Obj[];
    expect(discovery.map(p => p.organization)).toEqual(['${GITHUB_ORG}']);
    expect(config.catalog?.providers?.githubOrg?.orgs).toEqual(['${GITHUB_ORG}']);
    expect(config.integrations?.github?.map((g: Obj) => g.host ?? 'github.com')).toEqual(['github.com']);
    const workdir = workdirOf(finalStage);
    const targets = copiesOf(finalStage).flatMap(copyTargets);
    const catalogFiles = targets.filter(
      t => t.startsWith(path.posix.join(workdir, 'examples')) || t === path.posix.join(workdir, 'catalog-info.yaml'),
    );
    expect(catalogFiles).toEqual([]);
  });

  it('does not ADD remote URLs', () => {
    const remote = stages.flatMap(s =>
      copiesOf(s, 'ADD').filter(c => c.sources.some(src => /^(https?|git):\/\/|^git@/i.test(src))),
    );
    expect(remote.map(c => `line ${c.ins.line}: ADD ${c.ins.args}`)).toEqual([]);
  });

  it('does not bake secrets into ENV, ARG or LABEL, or copy credential files', () => {
    const problems: string[] = [];
    for (const stage of stages) {
      for (const ins of stage.instructions) {
        if (['ENV', 'ARG', 'LABEL'].includes(ins.keyword)) {
          for (const [key, value] of keyValues(ins)) {
            if (SECRET_NAME_RE.test(key)) problems.push(`line ${ins.line}: ${ins.keyword} ${key}`);
            const reason = credentialReason(value);
            if (reason) problems.push(`line ${ins.line}: ${key} looks like a ${reason}`);
          }
        }
      }
      for (const copy of [...copiesOf(stage), ...copiesOf(stage, 'ADD')]) {
        for (const src of copy.sources) {
          if (/(^|\/)(\.env(\..*)?|.*credentials.*|.*\.pem|.*\.key|id_rsa.*|\.npmrc)$/i.test(src)) {
            problems.push(`line ${copy.ins.line}: copies ${src}`);
          }
        }
      }
    }
    const raw = readText(dockerfilePath);
    for (const [name, re] of CREDENTIAL_PATTERNS) {
      if (re.test(raw)) problems.push(`contains a ${name}`);
    }
    expect(problems).toEqual([]);
  });
});

// =============================================================================================
// .dockerignore
// =============================================================================================

describe('.dockerignore', () => {
  const rules = parseDockerignore(readText(dockerignorePath));

  it('excludes dependencies at any depth, local tooling, VCS data, local state, build outputs and local secrets', () => {
    const mustBeIgnored = [
      'node_modules/yaml/package.json',
      'packages/backend/node_modules/.bin/x',
      'plugins/example/node_modules/x/index.js',
      '.toolchain/bin/node',
      '.git/HEAD',
      'data/sqlite/catalog.sqlite',
      'dist-types/packages/backend/src/index.d.ts',
      'packages/app/dist/index.html',
      'packages/backend/dist/bundle.tar.gz',
      'e2e-test-report/index.html',
      'app-config.local.yaml',
      '.env',
    ];
    expect(mustBeIgnored.filter(p => !isDockerIgnored(p, rules))).toEqual([]);
  });

  it('keeps everything the image build needs', () => {
    const needed = [
      'package.json',
      'yarn.lock',
      '.yarnrc.yml',
      'tsconfig.json',
      'backstage.json',
      'app-config.yaml',
      'app-config.production.yaml',
    ];
    // Every workspace's package.json and sources (the build compiles all of them).
    for (const parent of ['packages', 'plugins']) {
      const dir = path.join(root, parent);
      if (!fs.existsSync(dir)) continue;
      for (const ws of fs.readdirSync(dir)) {
        if (!fs.existsSync(path.join(dir, ws, 'package.json'))) continue;
        needed.push(`${parent}/${ws}/package.json`);
        for (const sub of ['src', 'public', 'config.d.ts']) {
          const p = path.join(dir, ws, sub);
          if (!fs.existsSync(p)) continue;
          const first = fs.statSync(p).isDirectory() ? fs.readdirSync(p)[0] : undefined;
          needed.push(first ? `${parent}/${ws}/${sub}/${first}` : `${parent}/${ws}/${sub}`);
        }
      }
    }
    const present = needed.filter(p => fs.existsSync(path.join(root, p)));
    expect(present.length).toBeGreaterThan(8);
    expect(present.filter(p => isDockerIgnored(p, rules))).toEqual([]);
  });
});

// =============================================================================================
// Kubernetes manifests
// =============================================================================================

describe('docker/kubernetes manifests', () => {
  it('every file parses as YAML', () => {
    expect(manifestFiles.length).toBeGreaterThan(0);
    expect(manifestFiles).toContain(EXAMPLE_SECRETS_FILE);
    expect(parseErrors).toEqual([]);
  });

  it('every document has apiVersion, kind and metadata.name', () => {
    expect(manifests.length).toBeGreaterThan(0);
    const bad = manifests.filter(
      m =>
        typeof m.doc?.apiVersion !== 'string' ||
        typeof m.doc?.kind !== 'string' ||
        typeof m.doc?.metadata?.name !== 'string' ||
        !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(m.doc.metadata.name),
    );
    expect(bad.map(label)).toEqual([]);
  });

  it('has the expected kinds', () => {
    const kinds = new Set(manifests.map(m => m.doc?.kind));
    for (const kind of [
      'Namespace',
      'ConfigMap',
      'Secret',
      'Deployment',
      'Service',
      'Ingress',
      'PodDisruptionBudget',
      'HorizontalPodAutoscaler',
      'StatefulSet',
      'NetworkPolicy',
    ]) {
      expect(kinds).toContain(kind);
    }
  });

  it(`puts namespaced resources in ${NAMESPACE}, which the first file applied creates`, () => {
    const wrong = manifests.filter(m => !CLUSTER_SCOPED.has(m.doc.kind) && m.doc.metadata?.namespace !== NAMESPACE);
    expect(wrong.map(label)).toEqual([]);
    const ns = ofKind('Namespace').find(m => m.doc.metadata.name === NAMESPACE);
    expect(ns).toBeDefined();
    // `kubectl apply -f <dir>` applies files in name order.
    expect(ns!.file).toBe(manifestFiles[0]);
  });

  it('no two documents share kind, namespace and name', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const m of manifests) {
      const key = `${m.doc.kind}/${m.doc.metadata?.namespace ?? ''}/${m.doc.metadata?.name}`;
      if (seen.has(key)) duplicates.push(`${label(m)} duplicates ${seen.get(key)}`);
      seen.set(key, label(m));
    }
    expect(duplicates).toEqual([]);
  });

  it(`the documented selector apply (-l ${PART_OF_LABEL}=${PORTAL}) takes every resource except the example Secrets`, () => {
    const wrong = manifests.filter(m => {
      const selected = m.doc.metadata?.labels?.[PART_OF_LABEL] === PORTAL;
      return m.file === EXAMPLE_SECRETS_FILE ? selected : !selected;
    });
    expect(wrong.map(label)).toEqual([]);
  });

  describeIfContracts('against the Kubernetes OpenAPI document (../shared/contracts/kubernetes.json)', () => {
    const VALIDATED_KINDS = [
      'Deployment',
      'StatefulSet',
      'Service',
      'Ingress',
      'PodDisruptionBudget',
      'HorizontalPodAutoscaler',
      'Namespace',
    ];
    const SCHEMA_ID = 'https://kubernetes.io/swagger.json';
    let ajv: Ajv;
    const definitionFor = new Map<string, string>(); // "group/version|Kind" -> definition key
    const validators = new Map<string, ValidateFunction>();

    beforeAll(() => {
      const swagger = JSON.parse(readText(contractPath));
      const definitions: Record<string, Obj> = swagger.definitions;
      // int-or-string and quantity are `type: string` with a format; YAML also has plain numbers.
      definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = {
        anyOf: [{ type: 'string' }, { type: 'integer' }],
      };
      definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = {
        anyOf: [{ type: 'string' }, { type: 'number' }],
      };
      const extensionKeywords = new Set<string>();
      for (const [key, def] of Object.entries(definitions)) {
        // Kubernetes objects are closed structs: kubectl's (default) strict field validation
        // rejects unknown fields, so catch typos like `containerport` here too.
        if (def.properties && def.additionalProperties === undefined) {
          def.additionalProperties = false;
        }
        for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
          const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
          definitionFor.set(`${apiVersion}|${gvk.kind}`, key);
        }
      }
      JSON.stringify(definitions, (k, v) => {
        if (k.startsWith('x-')) extensionKeywords.add(k);
        return v;
      });
      ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      ajv.addFormat('int-or-string', true);
      for (const keyword of extensionKeywords) ajv.addKeyword(keyword);
      // `#/definitions/...` refs resolve against this schema's id.
      ajv.addSchema({ $id: SCHEMA_ID, definitions });
    });

    function validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined {
      const key = definitionFor.get(`${apiVersion}|${kind}`);
      if (!key) return undefined;
      if (!validators.has(key)) {
        validators.set(key, ajv.compile({ $ref: `${SCHEMA_ID}#/definitions/${key}` }));
      }
      return validators.get(key);
    }

    it('knows the apiVersion and kind of every validated document', () => {
      const unknown = manifests
        .filter(m => VALIDATED_KINDS.includes(m.doc.kind))
        .filter(m => !definitionFor.has(`${m.doc.apiVersion}|${m.doc.kind}`))
        .map(m => `${label(m)}: ${m.doc.apiVersion} is not served`);
      expect(unknown).toEqual([]);
    });

    it.each(VALIDATED_KINDS)('%s documents are valid', kind => {
      const docs = ofKind(kind);
      expect(docs.length).toBeGreaterThan(0);
      const errors: string[] = [];
      for (const m of docs) {
        const validate = validatorFor(m.doc.apiVersion, kind);
        if (!validate) {
          errors.push(`${label(m)}: no definition for ${m.doc.apiVersion} ${kind}`);
        } else if (!validate(m.doc)) {
          errors.push(
            ...(validate.errors ?? []).map(
              (e: ErrorObject) => `${label(m)}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
            ),
          );
        }
      }
      expect(errors).toEqual([]);
    });
  });

  describe('cross-references', () => {
    it('env, envFrom and volume references point at ConfigMaps and Secrets (and keys) defined here', () => {
      const problems: string[] = [];
      const checkSecret = (where: string, name: string, key?: string) => {
        const keys = secretKeys(name);
        if (!keys) problems.push(`${where}: Secret ${name} is not defined`);
        else if (key !== undefined && !keys.has(key)) {
          problems.push(`${where}: Secret ${name} has no key ${key}`);
        }
      };
      const checkConfigMap = (where: string, name: string, key?: string) => {
        const data = configMapData(name);
        if (!data) problems.push(`${where}: ConfigMap ${name} is not defined`);
        else if (key !== undefined && !(key in data)) {
          problems.push(`${where}: ConfigMap ${name} has no key ${key}`);
        }
      };
      for (const { owner, spec } of podSpecs()) {
        for (const c of containersOf(spec)) {
          const where = `${label(owner)} container ${c.name}`;
          for (const src of c.envFrom ?? []) {
            if (src.configMapRef && !src.configMapRef.optional) checkConfigMap(where, src.configMapRef.name);
            if (src.secretRef && !src.secretRef.optional) checkSecret(where, src.secretRef.name);
          }
          for (const e of c.env ?? []) {
            const s = e.valueFrom?.secretKeyRef;
            if (s && !s.optional) checkSecret(`${where} env ${e.name}`, s.name, s.key);
            const cm = e.valueFrom?.configMapKeyRef;
            if (cm && !cm.optional) checkConfigMap(`${where} env ${e.name}`, cm.name, cm.key);
          }
        }
        for (const v of spec.volumes ?? []) {
          if (v.secret) checkSecret(`${label(owner)} volume ${v.name}`, v.secret.secretName);
          if (v.configMap) checkConfigMap(`${label(owner)} volume ${v.name}`, v.configMap.name);
        }
      }
      expect(problems).toEqual([]);
    });

    it('the portal Service selects exactly the portal pods and targets container port 7007', () => {
      const deployment = portalDeployment();
      const service = named('Service', PORTAL)?.doc;
      expect(service).toBeDefined();
      expect(service.spec.type ?? 'ClusterIP').toBe('ClusterIP');
      expect(selectorMatches(service.spec.selector, deployment.spec.template.metadata.labels)).toBe(true);
      // The selector must not also pick other workloads (e.g. the database).
      const others = podSpecs().filter(
        p => p.owner.doc !== deployment && selectorMatches(service.spec.selector, p.template.metadata?.labels),
      );
      expect(others.map(p => label(p.owner))).toEqual([]);
      const containers = deployment.spec.template.spec.containers;
      const http = service.spec.ports.find((p: Obj) => p.port === 80);
      expect(http).toBeDefined();
      expect(resolvePort(containers, http.targetPort ?? http.port)).toBe(PORTAL_PORT);
      // The Deployment's own selector matches its pod template.
      expect(selectorMatches(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(
        true,
      );
    });

    it('the Ingress routes to an existing Service port, on the host of PORTAL_BASE_URL', () => {
      const ingresses = ofKind('Ingress');
      expect(ingresses.length).toBeGreaterThan(0);
      const problems: string[] = [];
      const hosts: string[] = [];
      for (const m of ingresses) {
        const backends: Obj[] = [];
        if (m.doc.spec.defaultBackend) backends.push(m.doc.spec.defaultBackend);
        for (const rule of m.doc.spec.rules ?? []) {
          if (rule.host) hosts.push(rule.host);
          for (const p of rule.http?.paths ?? []) backends.push(p.backend);
        }
        expect(backends.length).toBeGreaterThan(0);
        for (const b of backends) {
          const svc = named('Service', b.service?.name)?.doc;
          if (!svc) {
            problems.push(`${label(m)}: Service ${b.service?.name} is not defined`);
            continue;
          }
          const port = svc.spec.ports.find(
            (p: Obj) =>
              (b.service.port.name !== undefined && p.name === b.service.port.name) ||
              (b.service.port.number !== undefined && p.port === b.service.port.number),
          );
          if (!port)
            problems.push(`${label(m)}: Service ${svc.metadata.name} has no port ${JSON.stringify(b.service.port)}`);
        }
      }
      expect(problems).toEqual([]);
      const baseUrl = plainEnvValue(portalContainer(), 'PORTAL_BASE_URL');
      expect(baseUrl).toBeDefined();
      const url = new URL(baseUrl!);
      expect(hosts).toContain(url.hostname);
      // An https base URL needs a TLS entry for its host.
      const tlsHosts = ingresses.flatMap(m => (m.doc.spec.tls ?? []).flatMap((t: Obj) => t.hosts ?? []));
      expect(url.protocol !== 'https:' || tlsHosts.includes(url.hostname)).toBe(true);
    });

    it('the PodDisruptionBudget and HorizontalPodAutoscaler target the portal Deployment', () => {
      const deployment = portalDeployment();
      const podLabels = deployment.spec.template.metadata.labels;
      const pdb = ofKind('PodDisruptionBudget').map(m => m.doc);
      expect(pdb).toHaveLength(1);
      expect(selectorMatches(pdb[0].spec.selector?.matchLabels, podLabels)).toBe(true);
      const hpa = ofKind('HorizontalPodAutoscaler').map(m => m.doc);
      expect(hpa).toHaveLength(1);
      expect(hpa[0].spec.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: deployment.metadata.name,
      });
      const { minReplicas, maxReplicas } = hpa[0].spec;
      expect(minReplicas).toBeGreaterThanOrEqual(2);
      expect(maxReplicas).toBeGreaterThanOrEqual(minReplicas);
      // A node drain must be able to evict a pod: minAvailable below the smallest replica count.
      const minAvailable = pdb[0].spec.minAvailable;
      const smallest = Math.min(minReplicas, deployment.spec.replicas ?? 1);
      expect(typeof minAvailable !== 'number' || minAvailable < smallest).toBe(true);
      // CPU utilization targets are relative to the CPU request, so every container needs one.
      const usesCpuUtilization = (hpa[0].spec.metrics ?? []).some(
        (x: Obj) => x.type === 'Resource' && x.resource?.name === 'cpu',
      );
      const withoutCpuRequest = (deployment.spec.template.spec.containers as Obj[])
        .filter(c => usesCpuUtilization && c.resources?.requests?.cpu === undefined)
        .map(c => c.name);
      expect(withoutCpuRequest).toEqual([]);
    });

    it("caps V8's old generation at no more than half the portal container's memory limit", () => {
      const container = portalContainer();
      const mebibytes = (q: string) => {
        const m = /^(\d+)(Mi|Gi)$/.exec(String(q));
        if (!m) throw new Error(`memory quantity ${q} is not in Mi or Gi`);
        return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
      };
      const limit = mebibytes(container.resources?.limits?.memory);
      const cap = /--max-old-space-size=(\d+)/.exec(plainEnvValue(container, 'NODE_OPTIONS') ?? '');
      expect(cap).not.toBeNull();
      // The rest of the limit holds new space, code, buffers and native memory (bench:company:
      // ~840 MiB RSS with a 640 MB cap at company scale).
      expect(Number(cap![1])).toBeLessThanOrEqual(limit / 2);
      expect(Number(cap![1])).toBeGreaterThanOrEqual(512);
    });

    it('a NetworkPolicy lets only Prometheus reach the metrics port, and only the portal reach PostgreSQL', () => {
      const deployment = portalDeployment();
      const podLabels = deployment.spec.template.metadata.labels;
      const policies = ofKind('NetworkPolicy').map(m => m.doc);
      const portal = policies.find(p => selectorMatches(p.spec.podSelector?.matchLabels, podLabels));
      expect(portal).toBeDefined();
      expect(portal.spec.policyTypes).toContain('Ingress');
      const container = portalContainer();
      const portNumber = (port: string | number) =>
        typeof port === 'number' ? port : container.ports.find((p: Obj) => p.name === port)?.containerPort;
      const metricsPort = container.ports.find((p: Obj) => p.name === 'metrics').containerPort;
      expect(metricsPort).toBe(9464);
      const metricsRules = (portal.spec.ingress as Obj[]).filter(r =>
        (r.ports ?? []).some((p: Obj) => portNumber(p.port) === metricsPort),
      );
      // A rule without ports or without `from` would open the metrics port to everyone.
      expect((portal.spec.ingress as Obj[]).filter(r => !r.ports)).toEqual([]);
      expect(metricsRules).toHaveLength(1);
      expect(metricsRules[0].from?.length).toBeGreaterThan(0);
      for (const peer of metricsRules[0].from) {
        expect(peer.namespaceSelector?.matchLabels ?? peer.podSelector?.matchLabels).toBeDefined();
        expect(peer.ipBlock).toBeUndefined();
      }
      const postgresLabels = ofKind('StatefulSet')[0].doc.spec.template.metadata.labels;
      const postgres = policies.find(p => selectorMatches(p.spec.podSelector?.matchLabels, postgresLabels));
      expect(postgres).toBeDefined();
      const peers = (postgres.spec.ingress as Obj[]).flatMap(r => r.from ?? [{}]);
      expect(peers.every(peer => peer.podSelector && selectorMatches(peer.podSelector.matchLabels, podLabels))).toBe(
        true,
      );
    });

    it('the portal container listens on 7007 and its probes use the Backstage health endpoints', () => {
      const container = portalContainer();
      const containers = portalDeployment().spec.template.spec.containers;
      expect(container.readinessProbe?.httpGet?.path).toBe(READINESS_PATH);
      expect(container.livenessProbe?.httpGet?.path).toBe(LIVENESS_PATH);
      for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
        const httpGet = container[probe]?.httpGet;
        if (!httpGet) continue;
        expect([READINESS_PATH, LIVENESS_PATH]).toContain(httpGet.path);
        expect(resolvePort(containers, httpGet.port)).toBe(PORTAL_PORT);
      }
    });

    it('every ${VAR} in app-config.production.yaml is provided to the portal container', () => {
      const vars = configEnvVars(readText(productionConfigPath));
      expect(vars.length).toBeGreaterThan(0);
      const provided = providedEnv(portalContainer());
      expect(vars.filter(v => !provided.has(v))).toEqual([]);
      // Values that come from the ConfigMap are filled in.
      const container = portalContainer();
      const empty = vars.filter(v => plainEnvValue(container, v) === '');
      expect(empty).toEqual([]);
    });

    it('POSTGRES_HOST and POSTGRES_PORT point at the headless PostgreSQL Service of the StatefulSet', () => {
      const container = portalContainer();
      const host = plainEnvValue(container, 'POSTGRES_HOST');
      const port = plainEnvValue(container, 'POSTGRES_PORT');
      expect(host).toBeDefined();
      const [serviceName, namespace] = host!.split('.');
      const service = named('Service', serviceName)?.doc;
      expect(service).toBeDefined();
      expect(namespace ?? service.metadata.namespace).toBe(service.metadata.namespace);
      expect(service.spec.clusterIP).toBe('None');
      expect(service.spec.ports.map((p: Obj) => String(p.port))).toContain(port);
      const sts = ofKind('StatefulSet').find(m => m.doc.spec.serviceName === serviceName)?.doc;
      expect(sts).toBeDefined();
      expect(selectorMatches(service.spec.selector, sts.spec.template.metadata.labels)).toBe(true);
      expect(selectorMatches(sts.spec.selector.matchLabels, sts.spec.template.metadata.labels)).toBe(true);
      const pg = sts.spec.template.spec.containers;
      const target = service.spec.ports.find((p: Obj) => String(p.port) === port);
      expect(resolvePort(pg, target.targetPort ?? target.port)).toBe(Number(port));
    });

    it('PostgreSQL keeps its data on a volume claim, checks readiness with pg_isready and reads its password from a Secret', () => {
      const sts = ofKind('StatefulSet').map(m => m.doc);
      expect(sts).toHaveLength(1);
      const claims = sts[0].spec.volumeClaimTemplates ?? [];
      expect(claims.length).toBeGreaterThan(0);
      const container = sts[0].spec.template.spec.containers[0];
      expect(container.image).toMatch(/^postgres:16(\b|$)/);
      const mounts = (container.volumeMounts ?? []).map((v: Obj) => v.name);
      expect(claims.every((c: Obj) => mounts.includes(c.metadata.name))).toBe(true);
      expect(claims[0].spec.resources.requests.storage).toBeDefined();
      expect(JSON.stringify(container.readinessProbe?.exec?.command ?? [])).toContain('pg_isready');
      const password = (container.env ?? []).find((e: Obj) => e.name === 'POSTGRES_PASSWORD');
      expect(password?.value).toBeUndefined();
      expect(password?.valueFrom?.secretKeyRef?.name).toBe('platform-portal-postgres');
    });

    it('the portal Deployment carries the backstage.io/kubernetes-id of catalog-info.yaml', () => {
      const catalogInfo = parseDocument(readText(path.join(root, 'catalog-info.yaml'))).toJS();
      const id = catalogInfo?.metadata?.annotations?.['backstage.io/kubernetes-id'] ?? PORTAL;
      const deployment = portalDeployment();
      expect(deployment.metadata.labels?.['backstage.io/kubernetes-id']).toBe(id);
      expect(deployment.spec.template.metadata.labels?.['backstage.io/kubernetes-id']).toBe(id);
      expect(deployment.metadata.labels?.['app.kubernetes.io/name']).toBeDefined();
    });
  });

  describe('security', () => {
    it('workload pods run as a numeric non-root user with a read-only root filesystem, no privilege escalation and no capabilities', () => {
      const problems: string[] = [];
      for (const { owner, spec } of podSpecs()) {
        for (const c of containersOf(spec)) {
          const where = `${label(owner)} container ${c.name}`;
          const sc = c.securityContext ?? {};
          const runAsNonRoot = sc.runAsNonRoot ?? spec.securityContext?.runAsNonRoot;
          // The kubelet can only verify runAsNonRoot for a numeric uid (the image says `USER node`).
          const runAsUser = sc.runAsUser ?? spec.securityContext?.runAsUser;
          if (runAsNonRoot !== true) problems.push(`${where}: runAsNonRoot is not true`);
          if (!(typeof runAsUser === 'number' && runAsUser > 0))
            problems.push(`${where}: no numeric non-root runAsUser`);
          if (sc.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation is not false`);
          if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem is not true`);
          if (sc.privileged === true) problems.push(`${where}: privileged`);
          if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${where}: capabilities are not dropped`);
          if ((sc.capabilities?.add ?? []).length > 0) problems.push(`${where}: adds capabilities`);
        }
      }
      expect(podSpecs().length).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    });

    it('the portal has a writable /tmp from an emptyDir', () => {
      const spec = portalDeployment().spec.template.spec;
      const tmp = (portalContainer().volumeMounts ?? []).find((v: Obj) => v.mountPath === '/tmp');
      expect(tmp).toBeDefined();
      expect(tmp.readOnly).not.toBe(true);
      const volume = (spec.volumes ?? []).find((v: Obj) => v.name === tmp.name);
      expect(volume?.emptyDir).toBeDefined();
    });

    it('workload containers have CPU and memory requests and limits', () => {
      const missing: string[] = [];
      for (const { owner, spec } of podSpecs()) {
        for (const c of spec.containers ?? []) {
          for (const kind of ['requests', 'limits']) {
            for (const resource of ['cpu', 'memory']) {
              if (c.resources?.[kind]?.[resource] === undefined) {
                missing.push(`${label(owner)} container ${c.name}: ${kind}.${resource}`);
              }
            }
          }
        }
      }
      expect(missing).toEqual([]);
    });

    it('Secrets appear only in secrets.example.yaml and hold only CHANGE_ME placeholders', () => {
      const problems: string[] = [];
      const secrets = ofKind('Secret');
      expect(secrets.length).toBeGreaterThan(0);
      for (const m of secrets) {
        if (m.file !== EXAMPLE_SECRETS_FILE) problems.push(`${label(m)}: Secret outside ${EXAMPLE_SECRETS_FILE}`);
        const values: Array<[string, string]> = [
          ...Object.entries(m.doc.stringData ?? {}).map(([k, v]) => [k, String(v)] as [string, string]),
          ...Object.entries(m.doc.data ?? {}).map(
            ([k, v]) => [k, Buffer.from(String(v), 'base64').toString('utf8')] as [string, string],
          ),
        ];
        if (values.length === 0) problems.push(`${label(m)}: has no keys`);
        for (const [k, v] of values) {
          if (v !== PLACEHOLDER) problems.push(`${label(m)}: ${k} is not ${PLACEHOLDER}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('secret-looking variables come from Secrets, never from inline values or ConfigMaps', () => {
      const problems: string[] = [];
      for (const m of ofKind('ConfigMap')) {
        for (const key of Object.keys(m.doc.data ?? {})) {
          if (SECRET_NAME_RE.test(key)) problems.push(`${label(m)}: key ${key}`);
        }
      }
      for (const { owner, spec } of podSpecs()) {
        for (const c of containersOf(spec)) {
          for (const e of c.env ?? []) {
            if (SECRET_NAME_RE.test(e.name) && !e.valueFrom?.secretKeyRef) {
              problems.push(`${label(owner)} container ${c.name}: ${e.name} is not a secretKeyRef`);
            }
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it('no manifest contains anything that looks like a real credential', () => {
      const problems: string[] = [];
      for (const file of manifestFiles) {
        const raw = readText(path.join(k8sDir, file));
        for (const [name, re] of CREDENTIAL_PATTERNS) {
          if (re.test(raw)) problems.push(`${file}: contains a ${name}`);
        }
      }
      for (const m of manifests) {
        for (const [at, value] of collectStrings(m.doc, '', [])) {
          const reason = credentialReason(value);
          if (reason) problems.push(`${label(m)} ${at}: looks like a ${reason}`);
        }
      }
      expect(problems).toEqual([]);
    });
  });
});

describe('docker/cluster-access: the read-only role the portal gets in every cluster it reads', () => {
  const docs: Obj[] = parseAllDocuments(readText(path.join(root, 'docker/cluster-access/portal-reader.yaml')))
    .map(d => d.toJS())
    .filter(Boolean);
  const role = docs.find(d => d.kind === 'ClusterRole');
  const granted = new Map<string, Set<string>>();
  for (const rule of role.rules as Obj[]) {
    for (const resource of rule.resources) {
      granted.set(resource, new Set([...(granted.get(resource) ?? []), ...rule.verbs]));
    }
  }

  it('only reads: get, list and watch, and get on pods/log; no Secrets, ConfigMaps or exec', () => {
    for (const [resource, verbs] of granted) {
      const allowed = resource === 'pods/log' ? ['get'] : ['get', 'list', 'watch'];
      expect({ resource, verbs: [...verbs].filter(v => !allowed.includes(v)) }).toEqual({ resource, verbs: [] });
    }
    for (const never of ['secrets', 'configmaps', 'pods/exec', 'pods/attach', '*']) {
      expect(granted.has(never)).toBe(false);
    }
  });

  it('covers every listing and log read the portal makes (plugins/infra-node)', () => {
    const source = readText(path.join(root, 'plugins/infra-node/src/upstreams/kubernetes/KubernetesCluster.ts'));
    const plural = (kind: string) => `${kind.toLowerCase()}${/s$/.test(kind) ? 'es' : 's'}`;
    const needed = new Set<string>();
    for (const m of source.matchAll(/\.list([A-Z][A-Za-z]*?)ForAllNamespaces\(/g)) needed.add(plural(m[1]));
    if (/\.listNamespace\(/.test(source)) needed.add('namespaces');
    if (/readNamespacedPodLog/.test(source)) needed.add('pods/log');
    expect(needed.size).toBeGreaterThanOrEqual(10);
    const verbFor = (r: string) => (r === 'pods/log' ? 'get' : 'list');
    expect([...needed].filter(r => !granted.get(r)?.has(verbFor(r)))).toEqual([]);
  });

  it('binds the role to a service account with a token Secret for it', () => {
    const binding = docs.find(d => d.kind === 'ClusterRoleBinding');
    const account = docs.find(d => d.kind === 'ServiceAccount');
    expect(binding.roleRef.name).toBe(role.metadata.name);
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: account.metadata.name, namespace: account.metadata.namespace },
    ]);
    const token = docs.find(d => d.kind === 'Secret');
    expect(token.type).toBe('kubernetes.io/service-account-token');
    expect(token.metadata.annotations['kubernetes.io/service-account.name']).toBe(account.metadata.name);
  });
});
