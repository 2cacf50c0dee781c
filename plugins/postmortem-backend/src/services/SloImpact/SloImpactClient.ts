import type { AuthService, DiscoveryService, LoggerService } from '@backstage/backend-plugin-api';
import type { SloImpact } from '@internal/plugin-postmortem-common';
import type { SloImpactReport } from '@internal/plugin-slo-common';
import { parseEntityRef } from '@backstage/catalog-model';

/**
 * Asks the `slo` backend what an incident window cost the entity's SLO
 * (`GET /api/slo/entities/{kind}/{ns}/{name}/impact`), as this plugin (service-to-service).
 * Never throws: when there is no SLO or the SLO backend fails, the answer says why.
 */
export class SloImpactClient {
  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      fetch?: typeof fetch;
    },
  ) {}

  async impact(entityRef: string, from: string, to: string): Promise<SloImpact> {
    const computedAt = new Date().toISOString();
    const base = { entityRef, from, to, computedAt, slos: [] };
    try {
      const ref = parseEntityRef(entityRef);
      const baseUrl = await this.deps.discovery.getBaseUrl('slo');
      const { token } = await this.deps.auth.getPluginRequestToken({
        onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
        targetPluginId: 'slo',
      });
      const url =
        `${baseUrl}/entities/${encodeURIComponent(ref.kind)}/${encodeURIComponent(ref.namespace)}` +
        `/${encodeURIComponent(ref.name)}/impact?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
      const res = await (this.deps.fetch ?? fetch)(url, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (res.status === 404) return { ...base, error: `${entityRef} declares no SLO` };
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        let message = text.slice(0, 300);
        try {
          message = JSON.parse(text)?.error?.message ?? message;
        } catch {
          // not JSON
        }
        return { ...base, error: `SLO backend answered ${res.status}: ${message}` };
      }
      const report = (await res.json()) as SloImpactReport;
      return {
        entityRef,
        from: report.from,
        to: report.to,
        computedAt,
        slos: report.slos.map(s => ({
          entityRef,
          name: ref.name,
          objective: s.objective,
          window: s.window,
          bad: s.bad,
          total: s.total,
          budgetConsumedRatio: s.budgetConsumedRatio,
          allowedBad: s.allowedBad,
          peakBurnRate: s.peakBurnRate,
          ...(s.peakBurnAt ? { peakBurnAt: s.peakBurnAt } : {}),
          bucketSeconds: s.bucketSeconds,
          endpoints: s.endpoints,
        })),
        ...(report.freshness?.state && report.freshness.state !== 'fresh'
          ? { error: `Datadog counts are ${report.freshness.state}` }
          : {}),
      };
    } catch (e) {
      this.deps.logger.warn(`postmortem: SLO impact of ${entityRef} failed: ${(e as Error).message}`);
      return { ...base, error: `SLO backend unavailable: ${(e as Error).message}` };
    }
  }
}
