/**
 * Wire types of the `slo` plugin's REST API (`/api/slo`) and the SLO definition format of
 * catalog-info.yaml. Shared by slo-backend and the slo frontend.
 */
import type { Freshness } from '@internal/plugin-infra-common';
import type { GateReasonCode, GateReasonParams } from './gate';

/** SLO windows: rolling 30/28/7 days or the calendar month (UTC+9, the company's time zone). */
export type SloWindow = '30d' | '28d' | '7d' | 'calendar-month';

/** One important endpoint: method + route, or a Datadog APM resource name. */
export interface SloEndpointDefinition {
  /** e.g. `POST` (with `route`). */
  method?: string;
  /** e.g. `/v1/checkout` (with `method`). */
  route?: string;
  /** Datadog resource name, e.g. `POST /v1/checkout` (instead of method + route). */
  resource?: string;
}

/** `spec.slo` of a Component in catalog-info.yaml. */
export interface SloDefinition {
  /** Percentage, default 99.9. */
  objective?: number;
  /** Default `30d`. */
  window?: SloWindow;
  endpoints: SloEndpointDefinition[];
}

/** How a request counts (the company rule: bad = 5xx or 405; everything else is good). */
export interface SliRule {
  badStatusClasses: string[]; // e.g. ['5xx']
  badStatusCodes: number[]; // e.g. [405]
}

export type AlertSeverity = 'page' | 'ticket';

/** One multi-window, multi-burn-rate rule (SRE Workbook) and its current state. */
export interface BurnRateAlert {
  severity: AlertSeverity;
  /** Burn-rate threshold (scaled to the window). */
  factor: number;
  longWindow: string; // e.g. '1h'
  shortWindow: string; // e.g. '5m'
  longBurnRate: number;
  shortBurnRate: number;
  firing: boolean;
}

export interface ErrorBudget {
  /** Bad requests the objective allows over the window so far. */
  allowedBad: number;
  /** Bad requests so far (after corrections). */
  consumedBad: number;
  /** 1 − consumed/allowed, as a ratio (may be negative). */
  remainingRatio: number;
  /** When the budget runs out at the current (1 h) burn rate; undefined when not burning. */
  exhaustionAt?: string;
}

export interface SliFigures {
  total: number;
  good: number;
  bad: number;
  /**
   * good/total as a ratio. Without traffic it is 1 only arithmetically: such an SLO carries
   * `noData` and the policy `no-data`, and no view shows the figure (never "100 %").
   */
  sli: number;
}

/**
 * Why an SLO (or one endpoint of it) has nothing to be judged on. No data is never healthy:
 * the policy is `no-data`, the alert state `no-data`, and the deploy gate answers `unknown`.
 *
 * - `no-series`: Datadog has no series for the endpoint(s) (a wrong resource name or service tag);
 * - `no-traffic`: series exist, but not one request in the window;
 * - `no-counts`: the counts could not be read from Datadog at all;
 * - `loading`: the counts are still being read for the first time (a cold start; the page asks
 *   again and the figures follow).
 */
export interface SloNoData {
  code: 'no-series' | 'no-traffic' | 'no-counts' | 'loading';
  /** A sentence for people, in English (the UI shows its own text by `code`). */
  reason: string;
}

/** `ok`, `ticket` or `page` by the burn-rate rules; `no-data` when there is nothing to measure. */
export type SloAlertState = 'ok' | 'ticket' | 'page' | 'no-data';

export interface EndpointSlo extends SliFigures {
  resource: string;
  /**
   * The `resource_name` tag value Datadog stores for `resource` (its tag normalisation, see
   * `datadogTagValue`), which the counts are matched on.
   */
  datadogResource?: string;
  /**
   * How many Datadog series (one per HTTP status) matched the endpoint in the counts read;
   * undefined when no counts could be read.
   */
  matchedSeries?: number;
  /** Set when the endpoint has no requests in the window (or no series at all). */
  noData?: SloNoData;
  objective: number;
  budget: ErrorBudget;
  burnRates: Record<string, number>; // window → burn rate, e.g. { '5m': 0.4, '1h': 1.2, ... }
  alerts: BurnRateAlert[];
  alertState: SloAlertState;
}

/** The error-budget policy; `no-data` when the SLO had no request to judge (never healthy). */
export type PolicyState = 'healthy' | 'at-risk' | 'exhausted' | 'no-data';

export interface EntitySlo extends SliFigures {
  entityRef: string;
  objective: number;
  window: SloWindow;
  windowStart: string;
  windowEnd: string;
  budget: ErrorBudget;
  burnRates: Record<string, number>;
  alerts: BurnRateAlert[];
  alertState: SloAlertState;
  policy: PolicyState;
  /** Set when the service's SLO endpoints had no request in the window: policy `no-data`. */
  noData?: SloNoData;
  endpoints: EndpointSlo[];
  corrections: SloCorrection[];
  freshness: Freshness;
}

export interface DailySli {
  date: string; // YYYY-MM-DD (JST)
  total: number;
  bad: number;
  sli: number;
  /** Remaining budget ratio at the end of that day (burn-down). */
  budgetRemainingRatio: number;
  corrected: boolean;
}

export interface SloHistory {
  entityRef: string;
  days: DailySli[];
  freshness: Freshness;
  objective?: number;
  window?: SloWindow;
  windowStart?: string;
  windowEnd?: string;
}

export interface SloCorrection {
  id: string;
  entityRef: string;
  start: string;
  end: string;
  /** RFC 5545 RRULE for recurring windows (e.g. `FREQ=WEEKLY;BYDAY=TU`), absent when one-off. */
  rrule?: string;
  reason: string;
  author: string;
  createdAt: string;
}

export interface DeployGate {
  entityRef: string;
  /**
   * Whether the deploy may go ahead. When `decision` is `unknown` this is the configured default
   * (`slo.gate.unknownDecision`, or `slo.gate.allowWhenUnavailable` without counts).
   */
  allowed: boolean;
  /**
   * `allowed` or `blocked` when the SLO could be judged; `unknown` when it could not (no data:
   * no request in the window, no matching series, or no counts) — `reason` says why and
   * `allowed` carries the configured default.
   */
  decision: 'allowed' | 'blocked' | 'unknown';
  /** With `decision: unknown`: what the configuration decided in its place. */
  defaultDecision?: 'allow' | 'block';
  policy: PolicyState;
  /** Why, as an English sentence (what CI pipelines print). */
  reason: string;
  /** The same reason as a code, to show it in the reader's language (see `gate.ts`). */
  reasonCode?: GateReasonCode;
  /**
   * The values `reasonCode`'s message names. With `slo.gate.noData*` also `noData`, the
   * `SloNoData` code, so that the UI can put its own text for it in place of `noDataReason`.
   */
  reasonParams?: GateReasonParams;
  /** The service's remaining budget (ratio) the decision was made on. */
  budgetRemainingRatio?: number;
  alertState?: SloAlertState;
  /** How current the Datadog counts behind the decision are. */
  freshness?: Freshness;
}

/**
 * Answer of `POST /entities/{kind}/{namespace}/{name}/gate/override`: the deploy may go ahead
 * whatever the gate said, because someone allowed it with a reason (recorded in the audit log).
 */
export interface DeployGateOverride {
  entityRef: string;
  allowed: true;
  decision: 'overridden';
  /** The reason given for the override (e.g. "P0: payment outage fix, INC-123"). */
  reason: string;
  /** Who overrode: a user entity ref, or the subject of a service token (e.g. `ci-deploy-gate`). */
  actor: string;
  at: string;
  /** What the gate itself said at that moment. */
  gate: DeployGate;
}

/** Body of `POST /entities/{kind}/{namespace}/{name}/gate/override`. */
export interface DeployGateOverrideInput {
  reason: string;
}

export interface FleetRow {
  entityRef: string;
  name: string;
  owner?: string;
  system?: string;
  objective: number;
  sli: number;
  budgetRemainingRatio: number;
  burnRate1h: number;
  alertState: SloAlertState;
  policy: PolicyState;
  /** Set when the service had no request in the window: policy `no-data`. */
  noData?: SloNoData;
}

export interface Fleet {
  generatedAt: string;
  rows: FleetRow[];
  freshness: Freshness;
}

export interface WeeklyReview {
  weeks: string[]; // ISO week starts (Monday, JST), oldest first, 12 of them
  /** Per service, the SLI (good/total as a ratio) of each week; null for a week without traffic. */
  rows: Array<{
    entityRef: string;
    name: string;
    owner?: string;
    objective: number;
    attainment: Array<number | null>;
    /** Set when not one of the weeks had a request (why every cell is "no data"). */
    noData?: SloNoData;
  }>;
  generatedAt?: string;
  freshness?: Freshness;
}

/** Body of `POST /entities/{kind}/{namespace}/{name}/corrections`. */
export interface SloCorrectionInput {
  /** ISO 8601 with offset, e.g. `2026-12-01T02:00:00+09:00`: the (first) excluded period starts. */
  start: string;
  /** ISO 8601 with offset: the (first) excluded period ends. */
  end: string;
  /** Repeats the period: an RRULE subset (FREQ=DAILY|WEEKLY, INTERVAL, BYDAY, COUNT, UNTIL), JST. */
  rrule?: string;
  reason: string;
}

/** One Datadog SLO object the portal manages (from a `spec.slo`), as the sync sees it. */
export interface DatadogSloSpec {
  name: string;
  description: string;
  tags: string[];
  numerator: string;
  denominator: string;
  timeframe: '7d' | '30d' | '90d';
  target: number;
}

export type SloSyncAction = 'create' | 'update' | 'unchanged' | 'skip' | 'orphan';

export interface SloSyncChange {
  entityRef: string;
  action: SloSyncAction;
  /** The Datadog SLO id (update, unchanged, orphan; create after apply). */
  sloId?: string;
  /** What differs (update) or why nothing can be done (skip, orphan). */
  reason?: string;
  desired?: DatadogSloSpec;
  /** After apply: whether this change was written. */
  applied?: boolean;
  error?: string;
}

export interface SloSyncPlan {
  generatedAt: string;
  dryRun: boolean;
  changes: SloSyncChange[];
}

/** One team's SLOs at a glance (derived from the fleet). */
export interface TeamRollup {
  /** `group:default/team-x`, or undefined for services without an owner. */
  owner?: string;
  services: number;
  healthy: number;
  atRisk: number;
  exhausted: number;
  /** Services whose SLO had no request to judge (policy `no-data`). */
  noData: number;
  paging: number;
  ticketing: number;
  /**
   * The least budget left among the team's services that have data (every service of the team
   * without data: 1, and `worstService` is one of them with `worstNoData`).
   */
  worstBudgetRemainingRatio: number;
  worstService: string;
  /** The worst service has no data (every service of the team has none). */
  worstNoData?: boolean;
}

/** One SLO's cost of an incident window (`GET /entities/{kind}/{namespace}/{name}/impact`). */
export interface SloWindowImpact {
  /** `service`: all SLO endpoints of the entity together. */
  name: string;
  objective: number;
  window: SloWindow;
  /** Requests and bad requests (5xx or 405 by the SLI rule) in `[from, to)`, corrections excluded. */
  total: number;
  bad: number;
  /** The error budget of the SLO window that ends at `to`: (1 − objective) × its requests. */
  allowedBad: number;
  /** bad / allowedBad. */
  budgetConsumedRatio: number;
  /** The highest burn rate over `bucketSeconds` buckets of the incident window, and when. */
  peakBurnRate: number;
  peakBurnAt?: string;
  bucketSeconds: number;
  /** Per SLO endpoint: requests and bad requests in the incident window, most bad first. */
  endpoints: Array<{ resource: string; total: number; bad: number }>;
}

export interface SloImpactReport {
  entityRef: string;
  from: string;
  to: string;
  slos: SloWindowImpact[];
  freshness: Freshness;
}
