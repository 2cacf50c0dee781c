import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SupportStore } from '../../database/SupportStore';
import type { SupportService } from '../Support/types';

/** The SLA event a clock state records, if any. */
const EVENT_KIND: Partial<Record<string, 'warning' | 'breach'>> = { warning: 'warning', breached: 'breach' };

/**
 * The SLA job: records each warning and breach once per request and clock (a unique key in the
 * database, so two backend processes running it at once record it once), and notifies the
 * assignee of every newly recorded event.
 */
export class SlaMonitor {
  constructor(private readonly deps: { store: SupportStore; support: SupportService; logger: LoggerService }) {}

  async run(now = Date.now()): Promise<Array<{ requestId: number; clock: string; kind: string }>> {
    const { store, support, logger } = this.deps;
    // Only the requests with an event due and not yet recorded (SQL on the stored SLA instants).
    await support.refreshSla();
    const rows = await store.slaCandidates(
      ['new', 'triaged', 'in_progress', 'waiting_on_requester', 'resolved'],
      new Date(now),
    );
    const summaries = await support.summaries(rows, now);
    const recorded: Array<{ requestId: number; clock: string; kind: string }> = [];
    for (const s of summaries) {
      for (const clock of [s.sla.firstResponse, s.sla.resolution]) {
        const kind = EVENT_KIND[clock.state];
        if (!kind) continue;
        if (!(await store.recordSlaEvent(s.id, clock.kind, kind, new Date(now)))) continue;
        recorded.push({ requestId: s.id, clock: clock.kind, kind });
        const row = rows.find(r => r.id === s.id)!;
        const what = clock.kind === 'first_response' ? 'first response' : 'resolution';
        const whatJa = clock.kind === 'first_response' ? '初回応答' : '解決';
        await support.notify(
          [row.assignee],
          'support:sla',
          row,
          kind === 'breach'
            ? `SLA breached: support request #${s.id} / SLA 超過: サポート依頼 #${s.id}`
            : `SLA warning: support request #${s.id} / SLA 注意: サポート依頼 #${s.id}`,
          kind === 'breach'
            ? `The ${what} target (${clock.targetMinutes} business minutes) of "${row.title}" has passed. / ${whatJa}の目標（営業時間 ${clock.targetMinutes} 分）を超過しました。`
            : `The ${what} target of "${row.title}" is ${Math.round(
                clock.remainingMinutes,
              )} business minutes away. / ${whatJa}の目標まで営業時間で残り ${Math.round(
                clock.remainingMinutes,
              )} 分です。`,
        );
      }
    }
    if (recorded.length) logger.info(`support: recorded ${recorded.length} SLA event(s)`);
    return recorded;
  }
}
