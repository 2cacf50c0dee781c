import type { Entity } from '@backstage/catalog-model';
import { matchesLabels, parseLabelSelector } from '@internal/plugin-portal-common';
import type { InfraService } from '@internal/plugin-infra-node';
import {
  KUBERNETES_CHECKS,
  evidenceLine,
  evidenceText,
  kubeObjectSetOf,
  resultOf,
  type CheckResult,
  type EvidenceCode,
  type KubeObject,
} from '@internal/plugin-prr-common';
import {
  apmCheck,
  dashboardCheck,
  docsCheck,
  escalationCheck,
  monitorsCheck,
  ownerCheck,
  pagerDutyRoutingCheck,
  pagerDutyServiceCheck,
  scheduleCheck,
  sloDefinedCheck,
  type MonitorInfo,
  type PdOnCallInfo,
  type PdServiceInfo,
} from './catalogChecks';

const unknown = (...why: EvidenceCode[]): CheckResult => resultOf('unknown', why);

const KUBE_KINDS = ['deployments', 'statefulsets', 'horizontalpodautoscalers', 'poddisruptionbudgets'] as const;

/** Per cluster: the entity's workloads and the HPAs and PDBs of their namespaces, or why not. */
async function kubernetesOf(
  entity: Entity,
  infra: InfraService,
): Promise<{ results?: Record<string, CheckResult>; errors?: EvidenceCode[]; notApplicable?: EvidenceCode }> {
  const target = infra.targets(entity).kubernetes;
  if (!target) return { notApplicable: evidenceLine('prr.k8s.notAnnotated') };
  const clusters = infra.clusterNames().filter(c => !target.clusters || target.clusters.includes(c));
  if (!clusters.length) return { errors: [evidenceLine('prr.k8s.noCluster')] };
  let requirements: ReturnType<typeof parseLabelSelector>;
  try {
    requirements = parseLabelSelector(target.labelSelector);
  } catch (e) {
    return {
      errors: [evidenceLine('prr.k8s.badSelector', { selector: target.labelSelector, error: (e as Error).message })],
    };
  }
  const perCluster: Array<{ cluster: string; results: Record<string, CheckResult> }> = [];
  const errors: EvidenceCode[] = [];
  for (const cluster of clusters) {
    const lists = await Promise.all(KUBE_KINDS.map(k => infra.kubernetesObjects(cluster, k)));
    const broken = lists.find(l => !l.data);
    if (broken) {
      errors.push(
        evidenceLine('prr.k8s.clusterUnavailable', {
          cluster,
          error: broken.freshness.error ?? broken.freshness.state,
        }),
      );
      continue;
    }
    const [deployments, statefulsets, hpas, pdbs] = lists.map(l => l.data as KubeObject[]);
    const inNamespace = (o: KubeObject) => !target.namespace || o.metadata?.namespace === target.namespace;
    const workloads = [...deployments, ...statefulsets].filter(
      w => inNamespace(w) && matchesLabels(requirements, (w.metadata?.labels ?? {}) as Record<string, string>),
    );
    if (!workloads.length) continue;
    const namespaces = new Set(workloads.map(w => w.metadata?.namespace));
    const set = kubeObjectSetOf([
      ...workloads,
      ...hpas.filter(h => namespaces.has(h.metadata?.namespace)),
      ...pdbs.filter(p => namespaces.has(p.metadata?.namespace)),
    ]);
    perCluster.push({
      cluster,
      results: Object.fromEntries(Object.entries(KUBERNETES_CHECKS).map(([id, check]) => [id, check(set)])),
    });
  }
  if (!perCluster.length) {
    if (errors.length) return { errors };
    return {
      notApplicable: evidenceLine('prr.k8s.noMatch', { selector: target.labelSelector, clusters: clusters.join(', ') }),
    };
  }
  const results: Record<string, CheckResult> = {};
  for (const id of Object.keys(KUBERNETES_CHECKS)) {
    const parts = perCluster.map(p => ({ cluster: p.cluster, r: p.results[id] }));
    // With several clusters each line names its own; the unreadable clusters come last.
    const lines: EvidenceCode[] = [
      ...parts.flatMap(p =>
        (p.r.evidenceCodes ?? []).map(l => (perCluster.length > 1 ? { ...l, cluster: p.cluster } : l)),
      ),
      ...errors,
    ];
    let status: CheckResult['status'] = 'pass';
    if (parts.some(p => p.r.status === 'fail')) status = 'fail';
    else if (errors.length) status = 'unknown';
    else if (parts.every(p => p.r.status === 'not-applicable')) status = 'not-applicable';
    results[id] = { status, evidence: lines.map(evidenceText), evidenceCodes: lines };
  }
  return { results };
}

async function monitorsFrom(infra: InfraService): Promise<{ data?: MonitorInfo[]; error?: string }> {
  const res = await infra.allMonitors();
  return res.data
    ? {
        data: res.data.map(m => ({
          id: m.id,
          name: m.name,
          type: m.type,
          query: m.query,
          message: m.message,
          tags: m.tags,
          priority: m.priority,
        })),
      }
    : { error: res.freshness.error ?? res.freshness.state };
}

/** Runs the named checks for one entity against live data; every check answers, none throws. */
export async function evaluateLiveChecks(
  entity: Entity,
  infra: InfraService,
  checkIds: Set<string>,
): Promise<Record<string, CheckResult>> {
  const out: Record<string, CheckResult> = {};
  const want = (prefix: string) => [...checkIds].some(c => c.startsWith(prefix));
  const targets = infra.targets(entity);

  const [kube, monitors, pdServices, oncalls] = await Promise.all([
    want('k8s.') ? kubernetesOf(entity, infra) : undefined,
    want('datadog.') ? monitorsFrom(infra) : undefined,
    want('pagerduty.') ? infra.pagerDutyServices() : undefined,
    want('pagerduty.') ? infra.onCalls() : undefined,
  ]);

  for (const id of checkIds) {
    try {
      out[id] = runOne(id);
    } catch (e) {
      out[id] = unknown(evidenceLine('prr.check.failed', { check: id, error: (e as Error).message }));
    }
  }
  return out;

  function runOne(id: string): CheckResult {
    if (id.startsWith('k8s.')) {
      if (!kube) return unknown(evidenceLine('prr.check.notEvaluated'));
      if (kube.notApplicable) return resultOf('not-applicable', [kube.notApplicable]);
      if (kube.errors) return unknown(...kube.errors);
      return kube.results![id] ?? unknown(evidenceLine('prr.check.unknown', { check: id }));
    }
    const service = targets.datadog?.service;
    const pdIds = targets.pagerduty?.serviceIds;
    switch (id) {
      case 'catalog.owner':
        return ownerCheck(entity);
      case 'catalog.docs':
        return docsCheck(entity);
      case 'catalog.dashboard':
        return dashboardCheck(entity);
      case 'slo.defined':
        return sloDefinedCheck(entity);
      case 'datadog.apm':
      case 'datadog.monitors':
      case 'datadog.pagerduty-routing': {
        if (!monitors?.data)
          return unknown(evidenceLine('prr.datadog.unavailable', { error: monitors?.error ?? 'not evaluated' }));
        if (id === 'datadog.apm') return apmCheck(service, monitors.data);
        if (id === 'datadog.monitors') return monitorsCheck(service, monitors.data);
        return pagerDutyRoutingCheck(service, monitors.data);
      }
      case 'pagerduty.service':
      case 'pagerduty.escalation':
      case 'pagerduty.schedule': {
        if (!pdIds?.length) return resultOf('fail', [evidenceLine('prr.pagerduty.noService')]);
        if (!pdServices?.data) {
          return unknown(
            evidenceLine('prr.pagerduty.unavailable', {
              error: String(pdServices?.freshness.error ?? pdServices?.freshness.state),
            }),
          );
        }
        const services = pdServices.data as PdServiceInfo[];
        if (id === 'pagerduty.service') return pagerDutyServiceCheck(pdIds, services);
        if (!oncalls?.data) {
          return unknown(
            evidenceLine('prr.pagerduty.onCallsUnavailable', {
              error: String(oncalls?.freshness.error ?? oncalls?.freshness.state),
            }),
          );
        }
        const entries = oncalls.data as PdOnCallInfo[];
        return id === 'pagerduty.escalation'
          ? escalationCheck(pdIds, services, entries)
          : scheduleCheck(pdIds, services, entries);
      }
      default:
        return unknown(evidenceLine('prr.check.unknown', { check: id }));
    }
  }
}
