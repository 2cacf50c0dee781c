/**
 * The SLI arithmetic: request counts by HTTP status → good, bad and total. The company rule
 * counts every 5xx and every 405 as bad, everything else (2xx, 3xx, other 4xx) as good.
 */
import type { SliFigures, SliRule } from './types';

export const DEFAULT_SLI_RULE: SliRule = {
  badStatusClasses: ['5xx'],
  badStatusCodes: [405],
};

/** Request counts keyed by HTTP status code. */
export type StatusCounts = Record<number | string, number>;

/** `5xx` for 503. */
export const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/** Whether a status counts against the SLO under the rule. */
export function isBadStatus(status: number, rule: SliRule = DEFAULT_SLI_RULE): boolean {
  return rule.badStatusCodes.includes(status) || rule.badStatusClasses.includes(statusClass(status));
}

/** good/total as a ratio; 1 when there was no traffic (nothing failed). */
export function sliFigures(total: number, bad: number): SliFigures {
  return {
    total,
    good: total - bad,
    bad,
    sli: total > 0 ? (total - bad) / total : 1,
  };
}

/** Counts by status → good/bad/total: good = total − (the statuses the rule calls bad). */
export function classifyStatusCounts(counts: StatusCounts, rule: SliRule = DEFAULT_SLI_RULE): SliFigures {
  let total = 0;
  let bad = 0;
  for (const [status, count] of Object.entries(counts)) {
    if (!count) continue;
    total += count;
    if (isBadStatus(Number(status), rule)) bad += count;
  }
  return sliFigures(total, bad);
}

/** Problems with a configured rule (empty when it is valid). */
export function sliRuleIssues(rule: SliRule): string[] {
  const out: string[] = [];
  for (const c of rule.badStatusClasses) {
    if (!/^[1-5]xx$/.test(c)) out.push(`badStatusClasses: "${c}" is not a status class like 5xx`);
  }
  for (const c of rule.badStatusCodes) {
    if (!Number.isInteger(c) || c < 100 || c > 599) out.push(`badStatusCodes: ${c} is not an HTTP status code`);
  }
  if (!rule.badStatusClasses.length && !rule.badStatusCodes.length) {
    out.push('the rule must call at least one status class or code bad');
  }
  return out;
}
