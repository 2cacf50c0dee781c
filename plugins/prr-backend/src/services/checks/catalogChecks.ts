import type { Entity } from '@backstage/catalog-model';
import { KUBERNETES_CHECKS, type CheckResult } from '@internal/plugin-prr-common';
import { formatSloIssues, sloDefinitionOf } from '@internal/plugin-slo-common';

/**
 * The non-Kubernetes checks as pure functions over what the infra layer and the catalog answer:
 * the entity, Datadog monitors, PagerDuty services and on-call entries.
 */

/** A Datadog monitor as the API lists it (the fields the checks read). */
export interface MonitorInfo {
  id: number;
  name: string;
  type: string;
  query: string;
  message: string;
  tags: string[];
  priority?: number | null;
}

export interface PdServiceInfo {
  id: string;
  name: string;
  status: string;
  escalationPolicy?: { id: string; name: string };
}

export interface PdOnCallInfo {
  escalationPolicy: { id: string; name: string };
  level: number;
  user: { name: string };
  schedule?: { id: string; name: string };
}

const pass = (...evidence: string[]): CheckResult => ({ status: 'pass', evidence });
const fail = (...evidence: string[]): CheckResult => ({ status: 'fail', evidence });
const na = (...evidence: string[]): CheckResult => ({ status: 'not-applicable', evidence });

const entityName = (e: Entity) => `${e.kind} ${e.metadata.namespace ?? 'default'}/${e.metadata.name}`;

export function ownerCheck(entity: Entity): CheckResult {
  const owner = entity.spec?.owner;
  return typeof owner === 'string' && owner.trim()
    ? pass(`${entityName(entity)}: spec.owner ${owner}`)
    : fail(`${entityName(entity)}: no spec.owner`);
}

export function docsCheck(entity: Entity): CheckResult {
  const description = entity.metadata.description?.trim();
  const links = entity.metadata.links ?? [];
  const techdocs = entity.metadata.annotations?.['backstage.io/techdocs-ref'];
  const missing: string[] = [];
  if (!description) missing.push('no metadata.description');
  if (!links.length && !techdocs) missing.push('no metadata.links and no backstage.io/techdocs-ref');
  if (missing.length) return fail(...missing.map(m => `${entityName(entity)}: ${m}`));
  return pass(
    `${entityName(entity)}: metadata.description set`,
    ...(techdocs ? [`${entityName(entity)}: backstage.io/techdocs-ref ${techdocs}`] : []),
    ...links.map(l => `${entityName(entity)}: link ${l.title ?? l.url}`),
  );
}

export function dashboardCheck(entity: Entity): CheckResult {
  const links = entity.metadata.links ?? [];
  const dashboards = links.filter(l => /dashboard/i.test(`${l.title ?? ''} ${l.url} ${l.icon ?? ''} ${l.type ?? ''}`));
  return dashboards.length
    ? pass(...dashboards.map(l => `${entityName(entity)}: link "${l.title ?? l.url}" ${l.url}`))
    : fail(`${entityName(entity)}: no metadata.links entry names a dashboard`);
}

export function sloDefinedCheck(entity: Entity): CheckResult {
  const def = sloDefinitionOf(entity);
  if (!def) return fail(`${entityName(entity)}: no spec.slo`);
  if (!def.ok) return fail(`${entityName(entity)}: invalid spec.slo: ${formatSloIssues(def.issues)}`);
  return pass(
    `${entityName(entity)}: spec.slo objective ${def.slo.objective} % over ${def.slo.window}, ${def.slo.endpoints.length} endpoint(s)`,
  );
}

const monitorName = (m: MonitorInfo) => `Datadog monitor ${m.id} "${m.name}"`;

function monitorsOf(service: string, monitors: MonitorInfo[]): MonitorInfo[] {
  return monitors.filter(m => m.tags.includes(`service:${service}`));
}

export function apmCheck(service: string | undefined, monitors: MonitorInfo[]): CheckResult {
  if (!service) return fail('no datadoghq.com/service-name annotation');
  const apm = monitorsOf(service, monitors).filter(m => /\btrace\./.test(m.query));
  return apm.length
    ? pass(...apm.map(m => `${monitorName(m)}: query on APM metric ${/trace\.[\w.]+/.exec(m.query)?.[0]}`))
    : fail(`service:${service}: no monitor on APM trace metrics (trace.*)`);
}

const HANDLE = /@[\w.-]+/g;

export function monitorsCheck(service: string | undefined, monitors: MonitorInfo[]): CheckResult {
  if (!service) return fail('no datadoghq.com/service-name annotation');
  const own = monitorsOf(service, monitors);
  if (!own.length) return fail(`service:${service}: no Datadog monitor tagged with the service`);
  const silent = own.filter(m => !(m.message ?? '').match(HANDLE));
  const lines = own.map(m =>
    silent.includes(m)
      ? `${monitorName(m)}: message notifies nobody (no @-handle)`
      : `${monitorName(m)}: notifies ${[...new Set((m.message.match(HANDLE) ?? []))].join(' ')}`,
  );
  return silent.length ? fail(...lines) : pass(...lines);
}

export function pagerDutyRoutingCheck(service: string | undefined, monitors: MonitorInfo[]): CheckResult {
  if (!service) return fail('no datadoghq.com/service-name annotation');
  const own = monitorsOf(service, monitors);
  if (!own.length) return fail(`service:${service}: no Datadog monitor tagged with the service`);
  const routed = (m: MonitorInfo) => /@pagerduty(-[\w.-]+)?/.test(m.message ?? '');
  const critical = own.filter(m => typeof m.priority === 'number' && m.priority <= 2);
  const unrouted = critical.filter(m => !routed(m));
  if (unrouted.length) {
    return fail(...unrouted.map(m => `${monitorName(m)}: priority P${m.priority} but no @pagerduty handle in the message`));
  }
  const paging = own.filter(routed);
  if (!paging.length) return fail(`service:${service}: no monitor routes to PagerDuty (@pagerduty-…)`);
  return pass(
    ...paging.map(m => `${monitorName(m)}${m.priority ? ` (P${m.priority})` : ''}: ${(m.message.match(/@pagerduty[\w.-]*/) ?? [''])[0]}`),
  );
}

function servicesOf(ids: string[] | undefined, services: PdServiceInfo[]) {
  return (ids ?? []).map(id => ({ id, service: services.find(s => s.id === id) }));
}

export function pagerDutyServiceCheck(ids: string[] | undefined, services: PdServiceInfo[]): CheckResult {
  if (!ids?.length) return fail('no pagerduty.com/service-id annotation');
  const found = servicesOf(ids, services);
  const lines = found.map(f =>
    f.service
      ? `PagerDuty service ${f.id} "${f.service.name}": status ${f.service.status}`
      : `PagerDuty service ${f.id}: not found`,
  );
  return found.every(f => f.service && f.service.status !== 'disabled') ? pass(...lines) : fail(...lines);
}

function policiesOf(ids: string[] | undefined, services: PdServiceInfo[]) {
  return servicesOf(ids, services).map(f => ({ id: f.id, policy: f.service?.escalationPolicy }));
}

export function escalationCheck(ids: string[] | undefined, services: PdServiceInfo[], oncalls: PdOnCallInfo[]): CheckResult {
  if (!ids?.length) return fail('no pagerduty.com/service-id annotation');
  const lines: string[] = [];
  let ok = true;
  for (const { id, policy } of policiesOf(ids, services)) {
    if (!policy) {
      ok = false;
      lines.push(`PagerDuty service ${id}: no escalation policy`);
      continue;
    }
    const levels = [...new Set(oncalls.filter(o => o.escalationPolicy.id === policy.id).map(o => o.level))].sort();
    if (levels.length < 2) ok = false;
    lines.push(
      `Escalation policy ${policy.id} "${policy.name}" of service ${id}: ${levels.length} level(s) with someone on call${
        levels.length ? ` (${levels.join(', ')})` : ''
      }`,
    );
  }
  return ok ? pass(...lines) : fail(...lines);
}

export function scheduleCheck(ids: string[] | undefined, services: PdServiceInfo[], oncalls: PdOnCallInfo[]): CheckResult {
  if (!ids?.length) return fail('no pagerduty.com/service-id annotation');
  const lines: string[] = [];
  let ok = true;
  for (const { id, policy } of policiesOf(ids, services)) {
    if (!policy) {
      ok = false;
      lines.push(`PagerDuty service ${id}: no escalation policy`);
      continue;
    }
    const schedules = [
      ...new Map(
        oncalls.filter(o => o.escalationPolicy.id === policy.id && o.schedule).map(o => [o.schedule!.id, o.schedule!]),
      ).values(),
    ];
    if (!schedules.length) {
      ok = false;
      lines.push(`Escalation policy ${policy.id} "${policy.name}": pages no schedule`);
    } else {
      lines.push(...schedules.map(s => `Escalation policy ${policy.id} "${policy.name}": schedule ${s.id} "${s.name}"`));
    }
  }
  return ok ? pass(...lines) : fail(...lines);
}

export const CATALOG_CHECK_IDS = ['catalog.owner', 'catalog.docs', 'catalog.dashboard', 'slo.defined'];
export const DATADOG_CHECK_IDS = ['datadog.apm', 'datadog.monitors', 'datadog.pagerduty-routing'];
export const PAGERDUTY_CHECK_IDS = ['pagerduty.service', 'pagerduty.escalation', 'pagerduty.schedule'];

/** Every check id a template may name. */
export const KNOWN_CHECKS = new Set<string>([
  ...CATALOG_CHECK_IDS,
  ...DATADOG_CHECK_IDS,
  ...PAGERDUTY_CHECK_IDS,
  ...Object.keys(KUBERNETES_CHECKS),
]);

export { na };
