import { resolvePackagePath, type DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath('@internal/plugin-postmortem-backend', 'migrations');

const HISTORY = 'postmortem_incident_history';
const STATE = 'postmortem_incident_history_state';
const STATE_ID = 'incident-history';

/** Rows per INSERT (8 columns each: well under SQLite's and PostgreSQL's parameter limits). */
const BATCH = 100;

const iso = (text: string) => new Date(Date.parse(text)).toISOString();

/** An incident as listed by PagerDuty (the history's listing side). */
export interface ListedIncident {
  id: string;
  serviceId: string;
  createdAt: string;
  resolvedAt?: string;
}

/** An incident of the history, with what its log said. */
export interface HistoryIncident extends ListedIncident {
  acknowledgedAt?: string;
  /** When its log entries were last read; absent: never (MTTA does not count it yet). */
  logReadAt?: string;
}

export interface HistoryState {
  /** The last incident listing that succeeded (absent: none yet, a cold start). */
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  /** Why the last listing failed; absent after a success. */
  lastError?: string;
  /** Why log lookups of the last run failed, if some did. */
  lastLogError?: string;
  /** PagerDuty is not configured: there is no history to keep. */
  notConfigured: boolean;
  /** The history holds every incident created since this time (absent: not known yet). */
  coveredSince?: string;
  /** The last listing of the whole `historyDays` window, and why it failed (if it did). */
  backfillAttemptAt?: string;
  backfillError?: string;
}

const toIncident = (r: any): HistoryIncident => ({
  id: r.incident_id,
  serviceId: r.service_id,
  createdAt: r.created_at,
  ...(r.resolved_at ? { resolvedAt: r.resolved_at } : {}),
  ...(r.acknowledged_at ? { acknowledgedAt: r.acknowledged_at } : {}),
  ...(r.log_read_at ? { logReadAt: r.log_read_at } : {}),
});

/**
 * The incident history behind MTTA/MTTR (tables `postmortem_incident_history` and its state row),
 * written by the background refresh and read by the metrics route.
 */
export class IncidentHistoryStore {
  static async create(options: { database: DatabaseService }): Promise<IncidentHistoryStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new IncidentHistoryStore(db);
  }

  constructor(private readonly db: Knex) {}

  /**
   * Inserts new incidents and updates the listed fields (service, times) of known ones; what
   * their logs said (acknowledgement, when read) is kept.
   */
  async upsertIncidents(incidents: ListedIncident[], at: string): Promise<void> {
    const rows = incidents.map(i => ({
      incident_id: i.id,
      service_id: i.serviceId,
      created_at: iso(i.createdAt),
      resolved_at: i.resolvedAt ? iso(i.resolvedAt) : null,
      updated_at: at,
    }));
    for (let n = 0; n < rows.length; n += BATCH) {
      await this.db(HISTORY)
        .insert(rows.slice(n, n + BATCH))
        .onConflict('incident_id')
        .merge(['service_id', 'created_at', 'resolved_at', 'updated_at']);
    }
  }

  /** Deletes incidents created before `before`; returns how many. */
  async prune(before: string): Promise<number> {
    return this.db(HISTORY).where('created_at', '<', before).delete();
  }

  /**
   * Incidents whose acknowledgement is not settled, created since `since`, at most `limit`: never
   * read first (newest first), then those read longest ago (open ones, recently resolved ones).
   */
  async dueForLookup(since: string, limit: number): Promise<HistoryIncident[]> {
    const rows = await this.db(HISTORY)
      .where('log_settled', false)
      .andWhere('created_at', '>=', since)
      .orderByRaw('CASE WHEN log_read_at IS NULL THEN 0 ELSE 1 END')
      .orderBy([
        { column: 'log_read_at', order: 'asc' },
        { column: 'created_at', order: 'desc' },
        { column: 'incident_id', order: 'asc' },
      ])
      .limit(Math.max(0, limit));
    return rows.map(toIncident);
  }

  /** Incidents still open in the history and created before `before`, least recently updated first. */
  async openBefore(before: string, limit: number): Promise<HistoryIncident[]> {
    const rows = await this.db(HISTORY)
      .whereNull('resolved_at')
      .andWhere('created_at', '<', before)
      .orderBy([
        { column: 'updated_at', order: 'asc' },
        { column: 'incident_id', order: 'asc' },
      ])
      .limit(Math.max(0, limit));
    return rows.map(toIncident);
  }

  /** Marks an incident as looked at (its status could not be read): it goes to the back of `openBefore`. */
  async touch(id: string, at: string): Promise<void> {
    await this.db(HISTORY).where('incident_id', id).update({ updated_at: at });
  }

  /** Notes one log read: the first acknowledgement (if any), and whether to read it again later. */
  async recordLookup(id: string, outcome: { acknowledgedAt?: string; settled: boolean; at: string }) {
    await this.db(HISTORY)
      .where('incident_id', id)
      .update({
        acknowledged_at: outcome.acknowledgedAt ? iso(outcome.acknowledgedAt) : null,
        log_read_at: outcome.at,
        log_settled: outcome.settled,
        updated_at: outcome.at,
      });
  }

  /** Incidents created in `[from, to)`, oldest first. */
  async between(from: string, to: string): Promise<HistoryIncident[]> {
    const rows = await this.db(HISTORY)
      .where('created_at', '>=', from)
      .andWhere('created_at', '<', to)
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'incident_id', order: 'asc' },
      ]);
    return rows.map(toIncident);
  }

  async state(): Promise<HistoryState> {
    const row = await this.db(STATE).where('id', STATE_ID).first();
    return {
      ...(row?.last_success_at ? { lastSuccessAt: row.last_success_at } : {}),
      ...(row?.last_attempt_at ? { lastAttemptAt: row.last_attempt_at } : {}),
      ...(row?.last_error ? { lastError: row.last_error } : {}),
      ...(row?.last_log_error ? { lastLogError: row.last_log_error } : {}),
      notConfigured: Boolean(row?.not_configured),
      ...(row?.covered_since ? { coveredSince: row.covered_since } : {}),
      ...(row?.backfill_attempt_at ? { backfillAttemptAt: row.backfill_attempt_at } : {}),
      ...(row?.backfill_error ? { backfillError: row.backfill_error } : {}),
    };
  }

  /**
   * Notes how a run went: `succeeded` (the listing was read) moves `lastSuccessAt` and clears the
   * error; otherwise `error` says why, and the last success stays.
   */
  async recordRun(run: {
    at: string;
    succeeded: boolean;
    error?: string;
    logError?: string;
    notConfigured?: boolean;
    /** The start of the contiguous coverage after this run (kept when absent). */
    coveredSince?: string;
    /** A listing of the whole window was attempted: when, and why it failed. */
    backfill?: { at: string; error?: string };
  }): Promise<void> {
    const row = {
      id: STATE_ID,
      last_attempt_at: run.at,
      last_error: run.succeeded ? null : (run.error ?? 'unknown error').slice(0, 2000),
      last_log_error: run.logError ? run.logError.slice(0, 2000) : null,
      not_configured: Boolean(run.notConfigured),
      ...(run.succeeded ? { last_success_at: run.at } : {}),
      ...(run.coveredSince ? { covered_since: run.coveredSince } : {}),
      ...(run.backfill
        ? {
            backfill_attempt_at: run.backfill.at,
            backfill_error: run.backfill.error ? run.backfill.error.slice(0, 2000) : null,
          }
        : {}),
    };
    await this.db(STATE)
      .insert({ last_success_at: null, ...row })
      .onConflict('id')
      .merge(Object.keys(row).filter(k => k !== 'id'));
  }
}
