import type { LoggerService } from '@backstage/backend-plugin-api';
import type { InfraService } from '@internal/plugin-infra-node';
import type { PageResult } from '@internal/plugin-support-common';
import type { StoredRequest, SupportStore } from '../../database/SupportStore';

/** The dedup key of a request's page (PagerDuty merges events with the same key). */
export const dedupKeyOf = (id: number) => `support-${id}`;

/**
 * Pages the platform on-call for urgent help through the PagerDuty Events API v2, at most once
 * per request (claimed in the database, so two backend processes or a client retry cannot page
 * twice) and once per entity within the dedup window (a second urgent request joins the first
 * one's page instead).
 */
export class UrgentPager {
  constructor(
    private readonly deps: {
      store: SupportStore;
      infra: InfraService;
      logger: LoggerService;
      routingKey?: string;
      dedupWindowMinutes: number;
      portalUrl: string;
    },
  ) {}

  async page(request: StoredRequest): Promise<PageResult> {
    const { store, infra, logger } = this.deps;
    const at = new Date().toISOString();
    if (request.entityRef) {
      const since = new Date(Date.now() - this.deps.dedupWindowMinutes * 60_000);
      const earlier = await store.recentPaged(request.entityRef, since, request.id);
      if (earlier?.pageDedupKey && (await store.claimPage(request.id, earlier.pageDedupKey))) {
        const joined: PageResult = {
          status: 'deduplicated',
          dedupKey: earlier.pageDedupKey,
          at,
          joinedRequestId: earlier.id,
          ...(earlier.page?.incident ? { incident: earlier.page.incident } : {}),
          message: `Joined the page of request #${earlier.id}`,
          messageCode: 'pageJoined',
          messageParams: { id: earlier.id },
        };
        await store.setPage(request.id, joined, 'support:pager');
        return joined;
      }
    }
    const dedupKey = dedupKeyOf(request.id);
    if (!(await store.claimPage(request.id, dedupKey))) {
      return (await store.get(request.id))?.page ?? { status: 'deduplicated', dedupKey, at };
    }
    let result: PageResult;
    if (!this.deps.routingKey) {
      result = {
        status: 'failed',
        dedupKey,
        at,
        message: 'support.urgent.routingKey is not configured',
        messageCode: 'pageNotConfigured',
      };
    } else {
      const summary = `[${dedupKey}] Urgent help: ${request.title}${
        request.entityRef ? ` (${request.entityRef})` : ''
      }`.slice(0, 1000);
      try {
        // Through the infra layer: breaker, timeout, and a bounded retry (the dedup key makes a
        // repeated event the same alert).
        const reply = await infra.sendPagerDutyEvent({
          routing_key: this.deps.routingKey,
          event_action: 'trigger',
          dedup_key: dedupKey,
          payload: { summary, source: request.entityRef ?? 'platform-portal', severity: 'critical' },
        });
        result = { status: 'sent', dedupKey: reply.dedup_key ?? dedupKey, at, message: reply.message };
        const incident = await this.findIncident(dedupKey);
        if (incident) result.incident = incident;
      } catch (e) {
        logger.warn(`support: paging for request ${request.id} failed: ${e}`);
        result = { status: 'failed', dedupKey, at, message: String((e as Error)?.message ?? e).slice(0, 500) };
      }
    }
    await store.setPage(request.id, result, 'support:pager');
    return result;
  }

  /** The incident the event opened (its title starts with the dedup key in brackets). */
  private async findIncident(dedupKey: string): Promise<PageResult['incident']> {
    try {
      // Read now, not the cached list: the incident is seconds old.
      const open = await this.deps.infra.openIncidents({ maxAgeMs: 0 });
      if (!open.data || open.freshness.state !== 'fresh') {
        this.deps.logger.warn(
          `support: could not look up the incident of ${dedupKey}: ${open.freshness.error ?? open.freshness.state}`,
        );
      }
      const found = open.data?.find(i => i.title?.startsWith(`[${dedupKey}]`));
      return found
        ? { id: found.id, number: found.number, title: found.title, ...(found.url ? { url: found.url } : {}) }
        : undefined;
    } catch (e) {
      this.deps.logger.warn(`support: could not look up the incident of ${dedupKey}: ${e}`);
      return undefined;
    }
  }
}
