import { client, v1, v2 } from '@datadog/datadog-api-client';
import { UpstreamError, isRetryableStatus, retryAfterFromHeaders } from '../../resilience/errors';
import type { InfraConfig } from '../../config';

export interface DatadogMonitor {
  id: number;
  name: string;
  type: string;
  state: string;
  tags: string[];
}

export interface DatadogEvent {
  id: string;
  title: string;
  text?: string;
  at: string;
  tags: string[];
  url?: string;
}

/**
 * Sends through the official client's fetch library, but turns 429 and 5xx into UpstreamErrors
 * that carry Datadog's rate-limit headers (the client's own exception drops the headers).
 * The client's own retries stay off: the portal's resilience layer retries.
 */
class RateLimitAwareHttpLibrary implements client.HttpLibrary {
  private readonly inner = new client.IsomorphicFetchHttpLibrary();
  async send(request: client.RequestContext): Promise<client.ResponseContext> {
    let response: client.ResponseContext;
    try {
      response = await this.inner.send(request);
    } catch (e) {
      throw new UpstreamError(`Datadog unreachable: ${(e as Error).message}`, { retryable: true });
    }
    const status = response.httpStatusCode;
    if (isRetryableStatus(status)) {
      const headers = Object.fromEntries(
        Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]),
      );
      throw new UpstreamError(`Datadog API ${status}`, {
        status,
        retryable: true,
        retryAfterMs: status === 429 ? retryAfterFromHeaders(n => headers[n]) : undefined,
      });
    }
    return response;
  }
}

function datadogError(e: unknown): UpstreamError {
  if (e instanceof UpstreamError) return e;
  if (e instanceof client.ApiException) {
    const body = e.body as { errors?: string[] } | undefined;
    return new UpstreamError(`Datadog API ${e.code}: ${body?.errors?.join('; ') ?? 'error'}`, {
      status: e.code,
      retryable: isRetryableStatus(e.code),
    });
  }
  // Unparsable bodies and the like: worth one more try.
  return new UpstreamError(`Datadog response unusable: ${(e as Error)?.message ?? e}`, {
    retryable: true,
  });
}

/** Datadog through `@datadog/datadog-api-client`: monitors, events, metric queries, SLOs. */
export class DatadogClient {
  private readonly configuration: client.Configuration;
  readonly monitorsApi: v1.MonitorsApi;
  readonly eventsApi: v1.EventsApi;
  readonly metricsApi: v1.MetricsApi;
  readonly metricsV2Api: v2.MetricsApi;
  readonly sloApi: v1.ServiceLevelObjectivesApi;

  constructor(private readonly config: NonNullable<InfraConfig['datadog']>) {
    this.configuration = client.createConfiguration({
      authMethods: { apiKeyAuth: config.apiKey, appKeyAuth: config.appKey },
      httpApi: new RateLimitAwareHttpLibrary(),
      enableRetry: false,
      ...(config.baseUrl ? { baseServer: new client.BaseServerConfiguration(config.baseUrl, {}) } : {}),
    });
    if (!config.baseUrl) {
      this.configuration.setServerVariables({ site: config.site });
    }
    this.monitorsApi = new v1.MonitorsApi(this.configuration);
    this.eventsApi = new v1.EventsApi(this.configuration);
    this.metricsApi = new v1.MetricsApi(this.configuration);
    this.metricsV2Api = new v2.MetricsApi(this.configuration);
    this.sloApi = new v1.ServiceLevelObjectivesApi(this.configuration);
  }

  get appUrl() {
    return this.config.appUrl;
  }

  /** Runs a client call, mapping its failures to UpstreamErrors. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      throw datadogError(e);
    }
  }

  /** Every monitor of the production environment (one paged listing for the whole fleet). */
  async listMonitors(): Promise<DatadogMonitor[]> {
    const out: DatadogMonitor[] = [];
    const pageSize = 1000;
    for (let page = 0; ; page++) {
      const batch = await this.run(() =>
        this.monitorsApi.listMonitors({ monitorTags: `env:${this.config.env}`, page, pageSize }),
      );
      for (const m of batch) {
        out.push({
          id: m.id ?? 0,
          name: m.name ?? '',
          type: String(m.type ?? ''),
          state: String(m.overallState ?? 'No Data'),
          tags: m.tags ?? [],
        });
      }
      if (batch.length < pageSize) break;
    }
    return out;
  }

  /** Events of the last `days` days (deploys and others), for the whole fleet at once. */
  async listEvents(days: number): Promise<DatadogEvent[]> {
    const end = Math.floor(Date.now() / 1000);
    const res = await this.run(() =>
      this.eventsApi.listEvents({ start: end - days * 86400, end, tags: `env:${this.config.env}` }),
    );
    return (res.events ?? []).map(e => ({
      id: String(e.idStr ?? e.id ?? ''),
      title: e.title ?? '',
      text: e.text,
      at: new Date((e.dateHappened ?? 0) * 1000).toISOString(),
      tags: e.tags ?? [],
      url: e.url ? (e.url.startsWith('http') ? e.url : `${this.config.appUrl}${e.url}`) : undefined,
    }));
  }
}
