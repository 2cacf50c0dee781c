import type { FleetRow } from '@internal/plugin-slo-common';

/**
 * The fleet in triage order: least budget remaining first; among equals, the fastest burn first;
 * then by name so the order is stable. Services without data (no budget to rank) come last.
 */
export function sortFleet(rows: readonly FleetRow[]): FleetRow[] {
  return [...rows].sort(
    (a, b) =>
      Number(a.policy === 'no-data') - Number(b.policy === 'no-data') ||
      a.budgetRemainingRatio - b.budgetRemainingRatio ||
      b.burnRate1h - a.burnRate1h ||
      a.name.localeCompare(b.name),
  );
}

/** Rows of one team and/or one system (undefined: all). */
export function filterFleet(rows: readonly FleetRow[], filter: { owner?: string; system?: string }): FleetRow[] {
  return rows.filter(
    r => (!filter.owner || r.owner === filter.owner) && (!filter.system || r.system === filter.system),
  );
}

/** The distinct, sorted values of one column, for a filter's choices. */
export function distinctValues(rows: readonly FleetRow[], pick: (row: FleetRow) => string | undefined): string[] {
  const values = new Set<string>();
  for (const row of rows) {
    const value = pick(row);
    if (value) values.add(value);
  }
  return [...values].sort((a, b) => a.localeCompare(b));
}
