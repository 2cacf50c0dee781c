import type { FleetRow, TeamRollup } from './types';

/**
 * Groups fleet rows by owning team, worst team (least budget left) first. Services without data
 * are counted apart (`noData`) and never make a team look healthy or set its least budget left.
 */
export function teamRollups(rows: FleetRow[]): TeamRollup[] {
  const byOwner = new Map<string, FleetRow[]>();
  for (const row of rows) {
    const key = row.owner ?? '';
    byOwner.set(key, [...(byOwner.get(key) ?? []), row]);
  }
  return [...byOwner.entries()]
    .map(([owner, list]): TeamRollup => {
      const measured = list.filter(r => r.policy !== 'no-data');
      const worst = (measured.length ? measured : list).reduce((a, b) =>
        b.budgetRemainingRatio < a.budgetRemainingRatio ? b : a,
      );
      return {
        ...(owner ? { owner } : {}),
        services: list.length,
        healthy: list.filter(r => r.policy === 'healthy').length,
        atRisk: list.filter(r => r.policy === 'at-risk').length,
        exhausted: list.filter(r => r.policy === 'exhausted').length,
        noData: list.filter(r => r.policy === 'no-data').length,
        paging: list.filter(r => r.alertState === 'page').length,
        ticketing: list.filter(r => r.alertState === 'ticket').length,
        worstBudgetRemainingRatio: worst.budgetRemainingRatio,
        worstService: worst.name,
        ...(measured.length ? {} : { worstNoData: true }),
      };
    })
    .sort(
      (a, b) =>
        a.worstBudgetRemainingRatio - b.worstBudgetRemainingRatio || (a.owner ?? '').localeCompare(b.owner ?? ''),
    );
}
