export interface Config {
  /** The SLO plugin (`/api/slo`). Every key is optional. */
  slo?: {
    /**
     * Which requests count against an SLO (default: every 5xx and 405; all other statuses are good).
     */
    sliRule?: {
      /** Status classes that are bad, e.g. [5xx]. */
      badStatusClasses?: string[];
      /** Single status codes that are bad, e.g. [405]. */
      badStatusCodes?: number[];
    };
    /** Seconds the last two hours of per-minute counts are reused before Datadog is asked again (default 60). */
    cacheTtlSeconds?: number;
    /** Datadog services per batched metric query; larger fleets are split into several (default 25). */
    servicesPerQuery?: number;
    /**
     * Metric queries of this plugin under way at once (default 2); more wait their turn, so a cold
     * fleet does not flood Datadog or trip the shared Datadog circuit breaker.
     */
    maxConcurrentQueries?: number;
    /** The APM count metric with `service`, `resource_name` and `http.status_code` tags. */
    metric?: string;
    /** Background recomputation of every SLO (one replica at a time), which keeps the cache warm. */
    refresh?: {
      /** Default every 5 minutes, e.g. `{ minutes: 5 }` or `PT5M`. */
      frequency?: { [unit: string]: number } | string;
    };
    gate?: {
      /** What the deploy gate answers when no Datadog counts can be read (default true: allow). */
      allowWhenUnavailable?: boolean;
      /**
       * What the deploy gate answers (`allowed`) for an SLO without data — no request in the
       * window, or endpoints that match no Datadog series. The answer's `decision` is `unknown`
       * either way. Default `allow`: a new service with no traffic yet can ship its first release.
       */
      unknownDecision?: 'allow' | 'block';
    };
  };
}
