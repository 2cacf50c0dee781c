import type { LoggerService } from '@backstage/backend-plugin-api';
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
 * Keeps the incident history behind MTTA/MTTR: each run lists the incidents of the last
 * `historyDays` through the importer (the infra layer's resilience), upserts them, and reads the
 * logs of incidents whose acknowledgement is not settled yet — never-read ones newest first, at
 * most `maxLogLookupsPerRun`, within the run's deadline. Every loop is bounded by the listing's
 * length, the lookup cap or the deadline.
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
    const until = new Date(started);
    const since = new Date(started - options.historyDays * 86400_000);
    const at = until.toISOString();

    let listed: Awaited<ReturnType<IncidentImporter['sourcedBetween']>> | typeof LATE;
    try {
      listed = await beforeDeadline(importer.sourcedBetween(since, until), deadline);
    } catch (e) {
      const error = (e as Error).message;
      await store.recordRun({ at, succeeded: false, error });
      throw new Error(`${INCIDENT_HISTORY_TASK_ID}: listing PagerDuty incidents failed: ${error}`);
    }
    if (listed === LATE) {
      const error = `PagerDuty did not list the incidents of the last ${options.historyDays} days within ${Math.round(options.runDeadlineMs / 1000)} s`;
      await store.recordRun({ at, succeeded: false, error });
      throw new Error(`${INCIDENT_HISTORY_TASK_ID}: ${error}`);
    }
    if (listed.freshness.state === 'not-configured') {
      await store.recordRun({ at, succeeded: true, notConfigured: true });
      return { listed: 0, pruned: 0, logsRead: 0, logsFailed: 0, logsSkipped: 0, durationMs: Date.now() - started };
    }
    await store.upsertIncidents(
      listed.incidents.map(i => ({
        id: i.id,
        serviceId: i.serviceId,
        createdAt: i.createdAt,
        ...(i.resolvedAt ? { resolvedAt: i.resolvedAt } : {}),
      })),
      at,
    );
    // A day of margin before pruning, so a window's start never loses incidents between runs.
    const pruned = await store.prune(new Date(since.getTime() - 86400_000).toISOString());
    // A stale list is PagerDuty failing with an older copy served: kept, but not a success.
    const listingError = listed.freshness.state === 'fresh' ? undefined : (listed.freshness.error ?? `incident list ${listed.freshness.state}`);

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
          const entries = await beforeDeadline(importer.logEntries(incident.id), deadline);
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
    });
    const report = {
      listed: listed.incidents.length,
      pruned,
      logsRead,
      logsFailed,
      logsSkipped,
      durationMs: Date.now() - started,
    };
    const summary =
      `${INCIDENT_HISTORY_TASK_ID}: ${report.listed} incident(s) listed, ${pruned} pruned, ` +
      `${logsRead} log(s) read, ${logsFailed} failed, ${logsSkipped} left for the next run in ${report.durationMs} ms`;
    if (listingError) throw new Error(`${summary}; the incident list is stale: ${listingError}`);
    this.deps.logger.info(summary);
    return report;
  }
}
