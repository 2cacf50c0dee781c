import type { LoggerService } from '@backstage/backend-plugin-api';
import type { PdIncident } from '@internal/plugin-infra-node';
import type { IncidentHistoryStore } from '../../database/IncidentHistoryStore';
import type { IncidentImporter } from './IncidentImporter';

/** The scheduled task that refreshes the incident history (global: once per interval across replicas). */
export const INCIDENT_HISTORY_TASK_ID = 'postmortem-incident-history';

/**
 * An unacknowledged incident's log is read again while it is open and until this long after its
 * resolution (log entries can arrive late); after that, it is not read again.
 */
export const SETTLE_MS = 2 * 3600_000;

/** Log lookups in flight at once (PagerDuty's REST limit is 960 per minute for the account). */
const LOOKUP_CONCURRENCY = 4;

export interface IncidentHistoryOptions {
  /** Days of incidents kept and listed (`postmortem.metrics.historyDays`). */
  historyDays: number;
  /** Incident logs read per run at most (`postmortem.metrics.maxLogLookupsPerRun`). */
  maxLogLookupsPerRun: number;
  /** One run stops starting lookups after this long (the task's timeout less a margin). */
  runDeadlineMs: number;
}

export interface IncidentHistoryReport {
  listed: number;
  pruned: number;
  logsRead: number;
  logsFailed: number;
  /** Due lookups not started because the run's deadline passed or it was aborted. */
  logsSkipped: number;
  durationMs: number;
}

const DAY = 86400_000;
/** The infra layer's recent list: the incidents of the last 7 days. */
const RECENT_DAYS = 7;
/** The recent list is taken to cover its 7 days less this (clock skew, the listing's own time). */
const RECENT_MARGIN_MS = 5 * 60_000;
/** A run continues the coverage of earlier runs when their last success is this far inside the recent list. */
const CONTIGUITY_MARGIN_MS = 3600_000;
/** Coverage within this of the window's start counts as complete. */
const BACKFILL_SLACK_MS = 3600_000;
/** The whole window is listed at most this often while the history does not reach back to its start. */
export const BACKFILL_EVERY_MS = 3600_000;
/** Status reads of incidents still open from before the recent list, per run at most. */
const OPEN_CHECKS_PER_RUN = 50;
/** How often a run asks again for a recent list that is still loading. */
const LOADING_POLL_MS = 1000;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

const listedOf = (i: PdIncident) => ({
  id: i.id,
  serviceId: i.serviceId,
  createdAt: i.createdAt,
  ...(i.resolvedAt ? { resolvedAt: i.resolvedAt } : {}),
});

const LATE = Symbol('late');

/** `promise`'s value, or LATE once `deadline` (epoch ms) has passed; a late rejection is dropped. */
async function beforeDeadline<T>(promise: Promise<T>, deadline: number): Promise<T | typeof LATE> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof LATE>(resolve => {
    timer = setTimeout(() => resolve(LATE), Math.max(0, deadline - Date.now()));
  });
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Keeps the incident history behind MTTA/MTTR. Each run, through the importer (the infra layer's
 * resilience):
 * 1. upserts the last 7 days from the infra layer's recent list (a snapshot refreshed in the
 *    background with generous limits, so it works against a slow PagerDuty);
 * 2. while the history does not reach back `historyDays`, lists that whole window (at most
 *    hourly; this read has the infra layer's per-call limits, so against a slow PagerDuty it may
 *    fail, and the history then grows forward from the first run, saying since when it is complete);
 * 3. reads the status of incidents still open from before the recent list (at most 50);
 * 4. reads the logs of incidents whose acknowledgement is not settled yet — never-read ones newest
 *    first, at most `maxLogLookupsPerRun`, within the run's deadline.
 * Every loop is bounded by a listing's length, a cap or the deadline.
 */
export class IncidentHistory {
  constructor(
    private readonly deps: {
      store: IncidentHistoryStore;
      importer: IncidentImporter;
      logger: LoggerService;
      options: IncidentHistoryOptions;
    },
  ) {}

  async refresh(signal?: AbortSignal): Promise<IncidentHistoryReport> {
    const { store, importer, options } = this.deps;
    const started = Date.now();
    const deadline = started + options.runDeadlineMs;
    const historyStart = started - options.historyDays * DAY;
    const at = new Date(started).toISOString();
    const state = await store.state();

    // 1. The last 7 days: the infra layer's recent list, a snapshot listed in the background with
    // generous limits. In a cold process its first listing may still run: wait for it (bounded).
    let recent = await importer.recentSourced();
    while (recent.freshness.state === 'loading' && !signal?.aborted && Date.now() + LOADING_POLL_MS < deadline) {
      await sleep(LOADING_POLL_MS);
      recent = await importer.recentSourced();
    }
    if (recent.freshness.state === 'not-configured') {
      await store.recordRun({ at, succeeded: true, notConfigured: true });
      return { listed: 0, pruned: 0, logsRead: 0, logsFailed: 0, logsSkipped: 0, durationMs: Date.now() - started };
    }
    if (!recent.data) {
      const error =
        recent.freshness.state === 'loading'
          ? `PagerDuty's incident list was still loading after ${Math.round(options.runDeadlineMs / 1000)} s`
          : `PagerDuty is unavailable: ${recent.freshness.error ?? recent.freshness.state}`;
      await store.recordRun({ at, succeeded: false, error });
      throw new Error(`${INCIDENT_HISTORY_TASK_ID}: ${error}`);
    }
    await store.upsertIncidents(recent.data.map(listedOf), at);
    let listedCount = recent.data.length;
    // A stale copy served because PagerDuty failed: kept, but not a success.
    const listingError = recent.freshness.state === 'stale' ? recent.freshness.error : undefined;
    const recentFetchedAt = recent.freshness.fetchedAt ? Date.parse(recent.freshness.fetchedAt) : started;
    const recentFrom = recentFetchedAt - RECENT_DAYS * DAY + RECENT_MARGIN_MS;
    // Contiguous with what earlier runs stored when the last success is inside this list's window.
    const contiguous =
      state.coveredSince !== undefined &&
      state.lastSuccessAt !== undefined &&
      Date.parse(state.lastSuccessAt) >= recentFrom + CONTIGUITY_MARGIN_MS;
    let covered = contiguous ? Math.min(Date.parse(state.coveredSince!), recentFrom) : recentFrom;

    // 2. The whole window, while the history does not reach back to its start (at most hourly).
    let backfill: { at: string; error?: string } | undefined;
    const backfillDue =
      covered > historyStart + BACKFILL_SLACK_MS &&
      (!state.backfillAttemptAt || started - Date.parse(state.backfillAttemptAt) >= BACKFILL_EVERY_MS);
    if (backfillDue) {
      try {
        // A long window at PagerDuty's pace takes far longer than a page's limits: the run's own.
        const remaining = Math.max(1000, deadline - Date.now());
        const listed = await beforeDeadline(
          importer.sourcedBetween(new Date(historyStart), new Date(started), {
            limits: { timeoutMs: remaining, deadlineMs: remaining },
          }),
          deadline,
        );
        if (listed === LATE) {
          backfill = {
            at,
            error: `PagerDuty did not list ${options.historyDays} days of incidents within the run's deadline`,
          };
        } else {
          await store.upsertIncidents(listed.incidents.map(listedOf), at);
          listedCount = Math.max(listedCount, listed.incidents.length);
          if (listed.freshness.state === 'fresh') {
            covered = Math.min(covered, historyStart);
            backfill = { at };
          } else {
            backfill = { at, error: listed.freshness.error ?? `incident list ${listed.freshness.state}` };
          }
        }
      } catch (e) {
        backfill = { at, error: (e as Error).message };
      }
    }

    // 3. Incidents still open in the history from before the recent list: their status now, one
    // read each (the whole-window listing above already gave it when it succeeded).
    if (!backfill || backfill.error) {
      const open = await store.openBefore(new Date(recentFrom).toISOString(), OPEN_CHECKS_PER_RUN);
      for (const incident of open) {
        if (signal?.aborted || Date.now() >= deadline) break;
        try {
          const now = await beforeDeadline(importer.incident(incident.id), deadline);
          if (now === LATE) break;
          await store.upsertIncidents([listedOf(now)], new Date().toISOString());
        } catch (e) {
          // To the back of the queue, so an incident PagerDuty no longer knows does not hold up the rest.
          await store.touch(incident.id, new Date().toISOString());
          this.deps.logger.debug(`${INCIDENT_HISTORY_TASK_ID}: status of ${incident.id}: ${(e as Error).message}`);
        }
      }
    }

    // A day of margin before pruning, so a window's start never loses incidents between runs.
    const pruned = await store.prune(new Date(historyStart - DAY).toISOString());
    const since = new Date(historyStart);

    const due = await store.dueForLookup(since.toISOString(), options.maxLogLookupsPerRun);
    let logsRead = 0;
    let logsFailed = 0;
    let logsSkipped = 0;
    let logError: string | undefined;
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const incident = due[next++];
        if (signal?.aborted || Date.now() >= deadline) {
          logsSkipped += 1;
          continue;
        }
        try {
          // The run's limits, not a page's: a rate-limit wait PagerDuty asks for is waited out.
          const left = Math.max(1000, deadline - Date.now());
          const entries = await beforeDeadline(
            importer.logEntries(incident.id, { limits: { timeoutMs: Math.min(30_000, left), deadlineMs: left } }),
            deadline,
          );
          if (entries === LATE) {
            logsSkipped += 1;
            continue;
          }
          const ack = entries
            .filter(e => e.type === 'acknowledge_log_entry' && Number.isFinite(Date.parse(e.createdAt)))
            .map(e => new Date(Date.parse(e.createdAt)).toISOString())
            .sort()[0];
          const readAt = Date.now();
          const settled =
            ack !== undefined ||
            (incident.resolvedAt !== undefined && readAt >= Date.parse(incident.resolvedAt) + SETTLE_MS);
          await store.recordLookup(incident.id, {
            ...(ack ? { acknowledgedAt: ack } : {}),
            settled,
            at: new Date(readAt).toISOString(),
          });
          logsRead += 1;
        } catch (e) {
          logsFailed += 1;
          logError ??= (e as Error).message;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, due.length) }, worker));

    await store.recordRun({
      at,
      succeeded: !listingError,
      ...(listingError ? { error: listingError } : {}),
      ...(logError ? { logError: `${logsFailed} incident log(s) could not be read: ${logError}` } : {}),
      coveredSince: new Date(covered).toISOString(),
      ...(backfill ? { backfill } : {}),
    });
    const report = {
      listed: listedCount,
      pruned,
      logsRead,
      logsFailed,
      logsSkipped,
      durationMs: Date.now() - started,
    };
    const summary =
      `${INCIDENT_HISTORY_TASK_ID}: ${report.listed} incident(s) listed, ${pruned} pruned, ` +
      `${logsRead} log(s) read, ${logsFailed} failed, ${logsSkipped} left for the next run in ${report.durationMs} ms; ` +
      `complete since ${new Date(covered).toISOString()}${
        backfill?.error ? ` (listing ${options.historyDays} days failed: ${backfill.error})` : ''
      }`;
    if (listingError) throw new Error(`${summary}; the incident list is stale: ${listingError}`);
    this.deps.logger.info(summary);
    return report;
  }
}
