import { readDurationFromConfig, type Config } from '@backstage/config';
import type { HumanDuration } from '@backstage/types';
import { readInfraConfig } from '@internal/plugin-infra-node';
import {
  DEFAULT_SLI_RULE,
  DEFAULT_TIME_ZONE,
  isTimeZone,
  sliRuleIssues,
  type SliRule,
} from '@internal/plugin-slo-common';

export interface SloConfig {
  rule: SliRule;
  /** TTL of the per-minute counts of the last two hours. */
  recentTtlMs: number;
  servicesPerQuery: number;
  /** Metric queries of this plugin that may be under way at once. */
  maxConcurrentQueries: number;
  metric: string;
  /** The `env` tag of production traffic (from `infra.datadog.env`). */
  env: string;
  allowWhenUnavailable: boolean;
  /**
   * What the deploy gate answers in `allowed` when it cannot judge an SLO that Datadog answered
   * for but that has no data (no request in the window, or endpoints matching no series):
   * `slo.gate.unknownDecision`, `allow` (default) or `block`. The answer's `decision` is
   * `unknown` either way.
   */
  unknownDecision: 'allow' | 'block';
  /**
   * How often the fleet's counts are re-read in the background (once across replicas), warming
   * the shared cache: default half of `cacheTtlSeconds`, so pages find the counts fresh.
   */
  refreshFrequency: HumanDuration;
  /**
   * How long a page waits for counts older than their ttl before it is answered with the old
   * ones, stale with their age: the infra page deadline (`infra.resilience.deadlineMs`).
   */
  pageWaitMs: number;
  /** IANA zone of SLO days, weeks, calendar months and corrections (`slo.timeZone`). */
  timeZone: string;
}

export const DEFAULT_METRIC = 'trace.http.request.hits.by_http_status';

/** Reads `slo.*` once at start-up, with defaults; an invalid rule stops the start. */
export function readSloConfig(root: Config): SloConfig {
  const slo = root.getOptionalConfig('slo');
  const ruleConfig = slo?.getOptionalConfig('sliRule');
  const rule: SliRule = {
    badStatusClasses: ruleConfig?.getOptionalStringArray('badStatusClasses') ?? DEFAULT_SLI_RULE.badStatusClasses,
    badStatusCodes:
      (ruleConfig?.getOptional('badStatusCodes') as number[] | undefined) ?? DEFAULT_SLI_RULE.badStatusCodes,
  };
  const issues = sliRuleIssues(rule);
  if (issues.length) throw new Error(`Invalid slo.sliRule: ${issues.join('; ')}`);
  const servicesPerQuery = slo?.getOptionalNumber('servicesPerQuery') ?? 50;
  if (!Number.isInteger(servicesPerQuery) || servicesPerQuery < 1) {
    throw new Error('Invalid slo.servicesPerQuery: must be a whole number of at least 1');
  }
  const maxConcurrentQueries = slo?.getOptionalNumber('maxConcurrentQueries') ?? 2;
  if (!Number.isInteger(maxConcurrentQueries) || maxConcurrentQueries < 1) {
    throw new Error('Invalid slo.maxConcurrentQueries: must be a whole number of at least 1');
  }
  const unknownDecision = slo?.getOptionalString('gate.unknownDecision') ?? 'allow';
  if (unknownDecision !== 'allow' && unknownDecision !== 'block') {
    throw new Error(`Invalid slo.gate.unknownDecision: "${unknownDecision}" (allow or block)`);
  }
  const timeZone = slo?.getOptionalString('timeZone') ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) {
    throw new Error(`Invalid slo.timeZone: "${timeZone}" is not an IANA time zone (e.g. Asia/Tokyo)`);
  }
  const infra = readInfraConfig(root);
  const recentTtlMs = (slo?.getOptionalNumber('cacheTtlSeconds') ?? 60) * 1000;
  return {
    rule,
    timeZone,
    maxConcurrentQueries,
    unknownDecision,
    recentTtlMs,
    servicesPerQuery,
    metric: slo?.getOptionalString('metric') ?? DEFAULT_METRIC,
    env: infra.datadog?.env ?? 'prod',
    pageWaitMs: infra.upstream.deadlineMs,
    allowWhenUnavailable: slo?.getOptionalBoolean('gate.allowWhenUnavailable') ?? true,
    refreshFrequency: slo?.has('refresh.frequency')
      ? readDurationFromConfig(slo, { key: 'refresh.frequency' })
      : { seconds: Math.max(1, Math.round(recentTtlMs / 2000)) },
  };
}
