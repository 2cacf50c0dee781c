import type { Entity } from '@backstage/catalog-model';
import {
  KUBERNETES_CHECKS,
  evidenceLine,
  resultOf,
  type CheckResult,
  type EvidenceCode,
} from '@internal/plugin-prr-common';
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

type Line = EvidenceCode;
const line = evidenceLine;
const pass = (...lines: Line[]): CheckResult => resultOf('pass', lines);
const fail = (...lines: Line[]): CheckResult => resultOf('fail', lines);
const na = (...lines: Line[]): CheckResult => resultOf('not-applicable', lines);

const entityName = (e: Entity) => `${e.kind} ${e.metadata.namespace ?? 'default'}/${e.metadata.name}`;

export function ownerCheck(entity: Entity): CheckResult {
  const owner = entity.spec?.owner;
  return typeof owner === 'string' && owner.trim()
    ? pass(line('prr.catalog.owner', { entity: entityName(entity), owner }))
    : fail(line('prr.catalog.noOwner', { entity: entityName(entity) }));
}

export function docsCheck(entity: Entity): CheckResult {
  const name = entityName(entity);
  const description = entity.metadata.description?.trim();
  const links = entity.metadata.links ?? [];
  const techdocs = entity.metadata.annotations?.['backstage.io/techdocs-ref'];
  const missing: Line[] = [];
  if (!description) missing.push(line('prr.catalog.noDescription', { entity: name }));
  if (!links.length && !techdocs) missing.push(line('prr.catalog.noLinks', { entity: name }));
  if (missing.length) return fail(...missing);
  return pass(
    line('prr.catalog.description', { entity: name }),
    ...(techdocs ? [line('prr.catalog.techdocs', { entity: name, ref: techdocs })] : []),
    ...links.map(l => line('prr.catalog.link', { entity: name, link: l.title ?? l.url })),
  );
}

export function dashboardCheck(entity: Entity): CheckResult {
  const links = entity.metadata.links ?? [];
  const dashboards = links.filter(l => /dashboard/i.test(`${l.title ?? ''} ${l.url} ${l.icon ?? ''} ${l.type ?? ''}`));
  return dashboards.length
    ? pass(
        ...dashboards.map(l =>
          line('prr.catalog.dashboard', { entity: entityName(entity), title: l.title ?? l.url, url: l.url }),
        ),
      )
    : fail(line('prr.catalog.noDashboard', { entity: entityName(entity) }));
}

export function sloDefinedCheck(entity: Entity): CheckResult {
  const name = entityName(entity);
  const def = sloDefinitionOf(entity);
  if (!def) return fail(line('prr.slo.missing', { entity: name }));
  if (!def.ok) return fail(line('prr.slo.invalid', { entity: name, issues: formatSloIssues(def.issues) }));
  return pass(
    line('prr.slo.defined', {
      entity: name,
      objective: def.slo.objective,
      window: def.slo.window,
      endpoints: def.slo.endpoints.length,
    }),
  );
}

const monitorParams = (m: MonitorInfo) => ({ id: m.id, name: m.name });

function monitorsOf(service: string, monitors: MonitorInfo[]): MonitorInfo[] {
  return monitors.filter(m => m.tags.includes(`service:${service}`));
}

const NO_SERVICE = () => fail(line('prr.datadog.noService'));
const NO_PD = () => fail(line('prr.pagerduty.noService'));

export function apmCheck(service: string | undefined, monitors: MonitorInfo[]): CheckResult {
  if (!service) return NO_SERVICE();
  const apm = monitorsOf(service, monitors).filter(m => /\btrace\./.test(m.query));
  return apm.length
    ? pass(
        ...apm.map(m =>
          line('prr.datadog.apm', { ...monitorParams(m), metric: /trace\.[\w.]+/.exec(m.query)?.[0] ?? 'trace.' }),
        ),
      )
    : fail(line('prr.datadog.noApm', { service }));
}

const HANDLE = /@[\w.-]+/g;

export function monitorsCheck(service: string | undefined, monitors: MonitorInfo[]): CheckResult {
  if (!service) return NO_SERVICE();
  const own = monitorsOf(service, monitors);
  if (!own.length) return fail(line('prr.datadog.noMonitors', { service }));
  const silent = own.filter(m => !(m.message ?? '').match(HANDLE));
  const lines = own.map(m =>
    silent.includes(m)
      ? line('prr.datadog.silent', monitorParams(m))
      : line('prr.datadog.notifies', {
          ...monitorParams(m),
          handles: [...new Set(m.message.match(HANDLE) ?? [])].join(' '),
        }),
  );
  return silent.length ? fail(...lines) : pass(...lines);
}

export function pagerDutyRoutingCheck(service: string | undefined, monitors: MonitorInfo[]): CheckResult {
  if (!service) return NO_SERVICE();
  const own = monitorsOf(service, monitors);
  if (!own.length) return fail(line('prr.datadog.noMonitors', { service }));
  const routed = (m: MonitorInfo) => /@pagerduty(-[\w.-]+)?/.test(m.message ?? '');
  const critical = own.filter(m => typeof m.priority === 'number' && m.priority <= 2);
  const unrouted = critical.filter(m => !routed(m));
  if (unrouted.length) {
    return fail(...unrouted.map(m => line('prr.datadog.unrouted', { ...monitorParams(m), priority: m.priority! })));
  }
  const paging = own.filter(routed);
  if (!paging.length) return fail(line('prr.datadog.noPagerDutyRoute', { service }));
  return pass(
    ...paging.map(m => {
      const handle = (m.message.match(/@pagerduty[\w.-]*/) ?? [''])[0];
      return m.priority
        ? line('prr.datadog.routesPriority', { ...monitorParams(m), priority: m.priority, handle })
        : line('prr.datadog.routes', { ...monitorParams(m), handle });
    }),
  );
}

function servicesOf(ids: string[] | undefined, services: PdServiceInfo[]) {
  return (ids ?? []).map(id => ({ id, service: services.find(s => s.id === id) }));
}

export function pagerDutyServiceCheck(ids: string[] | undefined, services: PdServiceInfo[]): CheckResult {
  if (!ids?.length) return NO_PD();
  const found = servicesOf(ids, services);
  const lines = found.map(f =>
    f.service
      ? line('prr.pagerduty.service', { id: f.id, name: f.service.name, status: f.service.status })
      : line('prr.pagerduty.serviceNotFound', { id: f.id }),
  );
  return found.every(f => f.service && f.service.status !== 'disabled') ? pass(...lines) : fail(...lines);
}

function policiesOf(ids: string[] | undefined, services: PdServiceInfo[]) {
  return servicesOf(ids, services).map(f => ({ id: f.id, policy: f.service?.escalationPolicy }));
}

export function escalationCheck(
  ids: string[] | undefined,
  services: PdServiceInfo[],
  oncalls: PdOnCallInfo[],
): CheckResult {
  if (!ids?.length) return NO_PD();
  const lines: Line[] = [];
  let ok = true;
  for (const { id, policy } of policiesOf(ids, services)) {
    if (!policy) {
      ok = false;
      lines.push(line('prr.pagerduty.noPolicy', { id }));
      continue;
    }
    const levels = [...new Set(oncalls.filter(o => o.escalationPolicy.id === policy.id).map(o => o.level))].sort();
    if (levels.length < 2) ok = false;
    const params = { policyId: policy.id, policyName: policy.name, service: id };
    lines.push(
      levels.length
        ? line('prr.pagerduty.levels', { ...params, levels: levels.length, levelList: levels.join(', ') })
        : line('prr.pagerduty.noLevels', params),
    );
  }
  return ok ? pass(...lines) : fail(...lines);
}

export function scheduleCheck(
  ids: string[] | undefined,
  services: PdServiceInfo[],
  oncalls: PdOnCallInfo[],
): CheckResult {
  if (!ids?.length) return NO_PD();
  const lines: Line[] = [];
  let ok = true;
  for (const { id, policy } of policiesOf(ids, services)) {
    if (!policy) {
      ok = false;
      lines.push(line('prr.pagerduty.noPolicy', { id }));
      continue;
    }
    const schedules = [
      ...new Map(
        oncalls.filter(o => o.escalationPolicy.id === policy.id && o.schedule).map(o => [o.schedule!.id, o.schedule!]),
      ).values(),
    ];
    const params = { policyId: policy.id, policyName: policy.name };
    if (!schedules.length) {
      ok = false;
      lines.push(line('prr.pagerduty.noSchedule', params));
    } else {
      lines.push(
        ...schedules.map(s => line('prr.pagerduty.schedule', { ...params, scheduleId: s.id, scheduleName: s.name })),
      );
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
