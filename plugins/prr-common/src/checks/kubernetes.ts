import { evidenceLine, resultOf, type MessageParams, type PrrEvidenceCode } from '../evidence';
import type { CheckResult } from '../types';

/**
 * Production-readiness checks over plain Kubernetes objects: the JSON of the API server or the
 * objects parsed from YAML manifests. Pure functions: no I/O, no client types. Every result names
 * the object and the field that passed or failed.
 */

/** Any Kubernetes object, as parsed from JSON or YAML. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

/** The objects the checks read, grouped by kind. */
export interface KubeObjectSet {
  /** Deployments and StatefulSets. */
  workloads: KubeObject[];
  hpas: KubeObject[];
  pdbs: KubeObject[];
  services: KubeObject[];
}

export type KubernetesCheck = (objects: KubeObjectSet) => CheckResult;

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet']);

/** Sorts a list of parsed documents (YAML `---` streams, `List` objects) into a KubeObjectSet. */
export function kubeObjectSetOf(docs: unknown[]): KubeObjectSet {
  const out: KubeObjectSet = { workloads: [], hpas: [], pdbs: [], services: [] };
  const visit = (doc: unknown) => {
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return;
    const o = doc as KubeObject;
    if (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) {
      (o.items as unknown[]).forEach(visit);
      return;
    }
    if (WORKLOAD_KINDS.has(String(o.kind))) out.workloads.push(o);
    else if (o.kind === 'HorizontalPodAutoscaler') out.hpas.push(o);
    else if (o.kind === 'PodDisruptionBudget') out.pdbs.push(o);
    else if (o.kind === 'Service') out.services.push(o);
  };
  docs.forEach(visit);
  return out;
}

/** `Deployment payments/api` (the namespace is `default` when the manifest leaves it out). */
export function describeObject(o: KubeObject): string {
  const ns = o.metadata?.namespace || 'default';
  return `${o.kind ?? 'Object'} ${ns}/${o.metadata?.name ?? '?'}`;
}

const nsOf = (o: KubeObject) => o.metadata?.namespace || 'default';

function podSpecOf(w: KubeObject): any {
  return w.spec?.template?.spec ?? {};
}

function containersOf(w: KubeObject): any[] {
  const list = podSpecOf(w).containers;
  return Array.isArray(list) ? list : [];
}

function podLabelsOf(w: KubeObject): Record<string, string> {
  return w.spec?.template?.metadata?.labels ?? {};
}

/** Replicas as declared; Kubernetes defaults an absent `spec.replicas` to 1. */
export function replicasOf(w: KubeObject): number {
  const r = w.spec?.replicas;
  return typeof r === 'number' && Number.isFinite(r) ? r : 1;
}

/** matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist) of a LabelSelector. */
export function selectorMatches(selector: any, labels: Record<string, string>): boolean {
  if (!selector || typeof selector !== 'object') return false;
  const matchLabels: Record<string, string> = selector.matchLabels ?? {};
  const expressions: any[] = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  // An empty selector selects every pod of the namespace (policy/v1).
  for (const [k, v] of Object.entries(matchLabels)) {
    if (labels[k] !== String(v)) return false;
  }
  for (const e of expressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e?.key);
    const values: string[] = Array.isArray(e?.values) ? e.values.map(String) : [];
    switch (e?.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

function combine(results: CheckResult[]): CheckResult {
  if (!results.length) return resultOf('not-applicable', [evidenceLine('prr.k8s.noWorkloads')]);
  const evidence = results.flatMap(r => r.evidence);
  const evidenceCodes = results.flatMap(r => r.evidenceCodes ?? []);
  const codes = evidenceCodes.length === evidence.length ? { evidenceCodes } : {};
  if (results.some(r => r.status === 'fail')) return { status: 'fail', evidence, ...codes };
  if (results.every(r => r.status === 'not-applicable')) return { status: 'not-applicable', evidence, ...codes };
  return { status: 'pass', evidence, ...codes };
}

/** What one container's check found: the code of its line and the code's own params. */
interface ContainerLine {
  ok: boolean;
  code: PrrEvidenceCode;
  params?: MessageParams;
}

/** Runs `perContainer` over every container of every workload; fails when any container fails. */
function eachContainer(objects: KubeObjectSet, perContainer: (w: KubeObject, c: any) => ContainerLine): CheckResult {
  return combine(
    objects.workloads.map(w => {
      const containers = containersOf(w);
      if (!containers.length) {
        return resultOf('fail', [evidenceLine('prr.k8s.noContainers', { object: describeObject(w) })]);
      }
      const lines = containers.map(c => perContainer(w, c));
      return resultOf(
        lines.every(l => l.ok) ? 'pass' : 'fail',
        lines.map((l, i) =>
          evidenceLine(l.code, {
            object: describeObject(w),
            container: String(containers[i]?.name ?? '?'),
            ...l.params,
          }),
        ),
      );
    }),
  );
}

function containerLine(ok: boolean, code: PrrEvidenceCode, params?: MessageParams): ContainerLine {
  return { ok, code, params };
}

function probeCheck(field: 'livenessProbe' | 'readinessProbe'): KubernetesCheck {
  return objects =>
    eachContainer(objects, (_w, c) =>
      c?.[field]
        ? containerLine(true, 'prr.k8s.probeSet', { field, how: probeKind(c[field]) })
        : containerLine(false, 'prr.k8s.probeMissing', { field }),
    );
}

function probeKind(p: any): string {
  if (p?.httpGet) return `httpGet ${p.httpGet.path ?? '/'}`;
  if (p?.tcpSocket) return 'tcpSocket';
  if (p?.grpc) return 'grpc';
  if (p?.exec) return 'exec';
  return 'set';
}

export const livenessProbeCheck = probeCheck('livenessProbe');
export const readinessProbeCheck = probeCheck('readinessProbe');

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** A Kubernetes quantity ("512Mi", "0.5", "250m", "1e3") as a number; NaN when unparsable. */
export function parseQuantity(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return NaN;
  const m = /^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/.exec(value.trim());
  if (!m) return NaN;
  const unit = m[2] ?? '';
  return Number(m[1]) * (BINARY[unit] ?? DECIMAL[unit] ?? NaN);
}

/** CPU and memory requests and limits on every container, and memory request = limit. */
export const resourcesCheck: KubernetesCheck = objects =>
  eachContainer(objects, (_w, c) => {
    const requests = c?.resources?.requests ?? {};
    const limits = c?.resources?.limits ?? {};
    const missing = [
      ['requests', 'cpu'],
      ['requests', 'memory'],
      ['limits', 'cpu'],
      ['limits', 'memory'],
    ]
      .filter(([k, r]) => (k === 'requests' ? requests : limits)[r] === undefined)
      .map(([k, r]) => `resources.${k}.${r}`);
    if (missing.length) return containerLine(false, 'prr.k8s.resourcesMissing', { fields: missing.join(', ') });
    const req = parseQuantity(requests.memory);
    const lim = parseQuantity(limits.memory);
    if (!(req === lim)) {
      return containerLine(false, 'prr.k8s.memoryDiffers', {
        request: String(requests.memory),
        limit: String(limits.memory),
      });
    }
    return containerLine(true, 'prr.k8s.resourcesSet', {
      requestCpu: String(requests.cpu),
      requestMemory: String(requests.memory),
      limitCpu: String(limits.cpu),
      limitMemory: String(limits.memory),
    });
  });

function hpaFor(objects: KubeObjectSet, w: KubeObject): KubeObject | undefined {
  return objects.hpas.find(
    h =>
      nsOf(h) === nsOf(w) &&
      h.spec?.scaleTargetRef?.kind === w.kind &&
      h.spec?.scaleTargetRef?.name === w.metadata?.name,
  );
}

/** At least `min` replicas, or an HPA whose minReplicas is at least `min`. */
export function replicasCheckOf(min = 3): KubernetesCheck {
  return objects =>
    combine(
      objects.workloads.map(w => {
        const replicas = replicasOf(w);
        const hpa = hpaFor(objects, w);
        const object = describeObject(w);
        // An HPA without minReplicas scales down to 1.
        let hpaMin: number | undefined;
        if (hpa) hpaMin = typeof hpa.spec?.minReplicas === 'number' ? hpa.spec.minReplicas : 1;
        if (hpa && hpaMin !== undefined && hpaMin >= min) {
          return resultOf('pass', [
            evidenceLine('prr.k8s.hpaMinReplicasOk', { hpa: describeObject(hpa), minReplicas: hpaMin, min, object }),
          ]);
        }
        if (replicas >= min && !hpa) {
          return resultOf('pass', [evidenceLine('prr.k8s.replicasOk', { object, replicas, min })]);
        }
        return resultOf('fail', [
          hpa
            ? evidenceLine('prr.k8s.hpaMinReplicasLow', {
                hpa: describeObject(hpa),
                minReplicas: String(hpaMin),
                min,
                object,
              })
            : evidenceLine('prr.k8s.replicasLow', { object, replicas, min }),
        ]);
      }),
    );
}

export const replicasCheck = replicasCheckOf(3);

function intOrPercent(value: unknown, replicas: number, roundUp: boolean): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const m = /^(\d+)%$/.exec(value.trim());
    if (m) {
      const raw = (Number(m[1]) * replicas) / 100;
      return roundUp ? Math.ceil(raw) : Math.floor(raw);
    }
    if (/^\d+$/.test(value.trim())) return Number(value);
  }
  return undefined;
}

/**
 * A PodDisruptionBudget selects the workload's pods and allows at least one voluntary disruption
 * at the declared replica count (HPA minimum when there is one). `minAvailable` ≥ replicas or
 * `maxUnavailable: 0` blocks every drain: that fails.
 */
export const pdbCheck: KubernetesCheck = objects =>
  combine(
    objects.workloads.map(w => {
      const object = describeObject(w);
      const pdbs = objects.pdbs.filter(p => nsOf(p) === nsOf(w) && selectorMatches(p.spec?.selector, podLabelsOf(w)));
      if (!pdbs.length) return resultOf('fail', [evidenceLine('prr.k8s.pdbMissing', { object })]);
      const hpa = hpaFor(objects, w);
      const replicas =
        hpa && typeof hpa.spec?.minReplicas === 'number'
          ? Math.min(hpa.spec.minReplicas, replicasOf(w))
          : replicasOf(w);
      const lines = pdbs.map(p => {
        const spec = p.spec ?? {};
        const pdb = describeObject(p);
        let allowed: number;
        let field: string | undefined;
        if (spec.minAvailable !== undefined) {
          const min = intOrPercent(spec.minAvailable, replicas, true);
          field = `spec.minAvailable ${spec.minAvailable}`;
          allowed = min === undefined ? NaN : replicas - min;
        } else if (spec.maxUnavailable !== undefined) {
          const max = intOrPercent(spec.maxUnavailable, replicas, true);
          field = `spec.maxUnavailable ${spec.maxUnavailable}`;
          allowed = max === undefined ? NaN : Math.min(max, replicas);
        } else {
          // Neither set: policy/v1 means minAvailable 1.
          allowed = replicas - 1;
        }
        if (!Number.isFinite(allowed)) {
          return { ok: false, line: evidenceLine('prr.k8s.pdbInvalid', { pdb, field: field ?? '' }) };
        }
        if (allowed <= 0) {
          return {
            ok: false,
            line: field
              ? evidenceLine('prr.k8s.pdbBlocks', { pdb, field, replicas, object })
              : evidenceLine('prr.k8s.pdbBlocksDefault', { pdb, replicas, object }),
          };
        }
        return {
          ok: true,
          line: field
            ? evidenceLine('prr.k8s.pdbAllows', { pdb, field, replicas, object, allowed })
            : evidenceLine('prr.k8s.pdbAllowsDefault', { pdb, replicas, object, allowed }),
        };
      });
      return resultOf(
        lines.every(l => l.ok) ? 'pass' : 'fail',
        lines.map(l => l.line),
      );
    }),
  );

/** A preStop hook on every container, so the pod leaves the endpoints before SIGTERM. */
export const gracefulShutdownCheck: KubernetesCheck = objects =>
  eachContainer(objects, (w, c) => {
    const grace = podSpecOf(w).terminationGracePeriodSeconds;
    const preStop = c?.lifecycle?.preStop;
    if (!preStop) return containerLine(false, 'prr.k8s.preStopMissing');
    if (grace === 0) return containerLine(false, 'prr.k8s.gracePeriodZero');
    let how = 'set';
    if (preStop.sleep) how = `sleep ${preStop.sleep.seconds}s`;
    else if (preStop.exec) how = 'exec';
    else if (preStop.httpGet) how = 'httpGet';
    return containerLine(true, 'prr.k8s.preStopSet', { how, grace: grace ?? 30 });
  });

/** runAsNonRoot (pod or container securityContext) or a non-zero runAsUser. */
export const nonRootCheck: KubernetesCheck = objects =>
  eachContainer(objects, (w, c) => {
    const pod = podSpecOf(w).securityContext ?? {};
    const own = c?.securityContext ?? {};
    const runAsNonRoot = own.runAsNonRoot ?? pod.runAsNonRoot;
    const runAsUser = own.runAsUser ?? pod.runAsUser;
    if (runAsUser === 0) return containerLine(false, 'prr.k8s.runAsRoot');
    if (runAsNonRoot === false) return containerLine(false, 'prr.k8s.runAsNonRootFalse');
    if (runAsNonRoot === true) return containerLine(true, 'prr.k8s.runAsNonRootTrue');
    if (typeof runAsUser === 'number' && runAsUser > 0) {
      return containerLine(true, 'prr.k8s.runAsUser', { user: runAsUser });
    }
    return containerLine(false, 'prr.k8s.nonRootUnset');
  });

/** The tag of an image reference (`undefined` when it has none). */
export function imageTag(image: string): { tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const ref = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  const tag = colon > lastSlash ? ref.slice(colon + 1) : undefined;
  return { tag, digest };
}

/** A pinned image: a tag other than `latest`, or a digest. */
export const imageTagCheck: KubernetesCheck = objects =>
  eachContainer(objects, (_w, c) => {
    const image = String(c?.image ?? '');
    if (!image) return containerLine(false, 'prr.k8s.imageMissing');
    const { tag, digest } = imageTag(image);
    if (digest) return containerLine(true, 'prr.k8s.imageDigest', { image });
    if (!tag) return containerLine(false, 'prr.k8s.imageNoTag', { image });
    if (tag === 'latest') return containerLine(false, 'prr.k8s.imageLatest', { image });
    return containerLine(true, 'prr.k8s.imageTag', { tag });
  });

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|DSN|ACCESS_?KEY)/i;

/** Secret-looking variables come from Secrets (secretKeyRef, envFrom.secretRef), never literals. */
export const secretRefsCheck: KubernetesCheck = objects =>
  eachContainer(objects, (_w, c) => {
    const env: any[] = Array.isArray(c?.env) ? c.env : [];
    const envFrom: any[] = Array.isArray(c?.envFrom) ? c.envFrom : [];
    const literal = env.filter(e => typeof e?.name === 'string' && SECRET_NAME.test(e.name) && e.value !== undefined);
    if (literal.length) {
      return containerLine(false, 'prr.k8s.secretLiteral', { names: literal.map(e => e.name).join(', ') });
    }
    const refs = [
      ...env
        .filter(e => e?.valueFrom?.secretKeyRef)
        .map(e => `env ${e.name} (secretKeyRef ${e.valueFrom.secretKeyRef.name})`),
      ...envFrom.filter(e => e?.secretRef).map(e => `envFrom (secretRef ${e.secretRef.name})`),
    ];
    return refs.length
      ? containerLine(true, 'prr.k8s.secretRefs', { refs: refs.join(', ') })
      : containerLine(true, 'prr.k8s.noSecretLiterals');
  });

/** Deployments roll (RollingUpdate, not Recreate); StatefulSets do not wait for OnDelete. */
export const rollingUpdateCheck: KubernetesCheck = objects =>
  combine(
    objects.workloads.map(w => {
      const object = describeObject(w);
      if (w.kind === 'StatefulSet') {
        const type = w.spec?.updateStrategy?.type ?? 'RollingUpdate';
        return resultOf(type === 'RollingUpdate' ? 'pass' : 'fail', [
          evidenceLine('prr.k8s.updateStrategy', { object, type: String(type) }),
        ]);
      }
      const type = w.spec?.strategy?.type ?? 'RollingUpdate';
      if (type !== 'RollingUpdate') {
        return resultOf('fail', [evidenceLine('prr.k8s.strategy', { object, type: String(type) })]);
      }
      const ru = w.spec?.strategy?.rollingUpdate ?? {};
      const replicas = replicasOf(w);
      const maxUnavailable = intOrPercent(ru.maxUnavailable ?? '25%', replicas, false) ?? 0;
      if (replicas > 0 && maxUnavailable >= replicas) {
        return resultOf('fail', [
          evidenceLine('prr.k8s.rollingAllDown', { object, maxUnavailable: String(ru.maxUnavailable) }),
        ]);
      }
      return resultOf('pass', [
        evidenceLine('prr.k8s.rollingUpdate', {
          object,
          maxUnavailable: String(ru.maxUnavailable ?? '25%'),
          maxSurge: String(ru.maxSurge ?? '25%'),
        }),
      ]);
    }),
  );

/** The Kubernetes checks by id, as templates name them (`check: k8s.pdb`). */
export const KUBERNETES_CHECKS: Record<string, KubernetesCheck> = {
  'k8s.liveness-probe': livenessProbeCheck,
  'k8s.readiness-probe': readinessProbeCheck,
  'k8s.resources': resourcesCheck,
  'k8s.replicas': replicasCheck,
  'k8s.pdb': pdbCheck,
  'k8s.graceful-shutdown': gracefulShutdownCheck,
  'k8s.non-root': nonRootCheck,
  'k8s.image-tag': imageTagCheck,
  'k8s.secret-refs': secretRefsCheck,
  'k8s.rolling-update': rollingUpdateCheck,
};

/** Every Kubernetes check over one set of objects, by check id. */
export function runKubernetesChecks(objects: KubeObjectSet): Record<string, CheckResult> {
  return Object.fromEntries(Object.entries(KUBERNETES_CHECKS).map(([id, check]) => [id, check(objects)]));
}
