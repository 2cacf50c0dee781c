import { activeBusinessMs, addBusinessMs, type BusinessCalendar, type Interval } from './businessHours';
import type { RequestStatus, SlaClock, SlaClockKind, SlaTarget } from './types';

/** Share of a target after which a running clock is `warning`. */
export const DEFAULT_WARNING_RATIO = 0.75;

const MINUTE_MS = 60_000;

/** The periods a request spent waiting on its requester, from its status changes (by time). */
export function pausesOf(changes: Array<{ at: number; to: RequestStatus }>): Interval[] {
  const pauses: Interval[] = [];
  let open: Interval | undefined;
  for (const c of [...changes].sort((a, b) => a.at - b.at)) {
    if (c.to === 'waiting_on_requester') {
      if (!open) {
        open = { from: c.at };
        pauses.push(open);
      }
    } else if (open) {
      open.to = c.at;
      open = undefined;
    }
  }
  return pauses;
}

/** One SLA clock at `now`: business time elapsed outside pauses, against its target. */
export function slaClock(options: {
  kind: SlaClockKind;
  targetMinutes: number;
  startedAt: number;
  stoppedAt?: number;
  pauses: Interval[];
  now: number;
  calendar: BusinessCalendar;
  warningRatio?: number;
}): SlaClock {
  const { kind, targetMinutes, startedAt, stoppedAt, pauses, now, calendar } = options;
  const ratio = options.warningRatio ?? DEFAULT_WARNING_RATIO;
  const end = stoppedAt ?? now;
  const elapsedMs = activeBusinessMs(startedAt, end, pauses, calendar);
  const targetMs = targetMinutes * MINUTE_MS;
  const elapsedMinutes = elapsedMs / MINUTE_MS;
  const remainingMs = Math.max(0, targetMs - elapsedMs);
  const paused = stoppedAt === undefined && pauses.some(p => p.from <= now && (p.to === undefined || p.to > now));
  let state: SlaClock['state'];
  if (stoppedAt !== undefined) state = elapsedMs <= targetMs ? 'met' : 'breached';
  else if (elapsedMs >= targetMs) state = 'breached';
  else if (elapsedMs >= ratio * targetMs) state = 'warning';
  else state = 'ok';
  const due =
    stoppedAt === undefined && !paused && state !== 'breached' ? addBusinessMs(now, remainingMs, calendar) : undefined;
  return {
    kind,
    targetMinutes,
    elapsedMinutes: Math.round(elapsedMinutes * 10) / 10,
    remainingMinutes: Math.round((remainingMs / MINUTE_MS) * 10) / 10,
    state,
    paused,
    ...(due !== undefined ? { dueAt: new Date(due).toISOString() } : {}),
    ...(stoppedAt !== undefined ? { stoppedAt: new Date(stoppedAt).toISOString() } : {}),
  };
}

/** Both clocks of a request. */
export function requestSla(options: {
  createdAt: number;
  firstResponseAt?: number;
  resolvedAt?: number;
  statusChanges: Array<{ at: number; to: RequestStatus }>;
  target: SlaTarget;
  now: number;
  calendar: BusinessCalendar;
  warningRatio?: number;
}): { firstResponse: SlaClock; resolution: SlaClock } {
  const pauses = pausesOf(options.statusChanges);
  const common = {
    startedAt: options.createdAt,
    pauses,
    now: options.now,
    calendar: options.calendar,
    warningRatio: options.warningRatio,
  };
  return {
    firstResponse: slaClock({
      ...common,
      kind: 'first_response',
      targetMinutes: options.target.firstResponseMinutes,
      stoppedAt: options.firstResponseAt,
    }),
    resolution: slaClock({
      ...common,
      kind: 'resolution',
      targetMinutes: options.target.resolutionMinutes,
      stoppedAt: options.resolvedAt,
    }),
  };
}
