export interface Config {
  portal?: {
    /**
     * The platform team's group(s) as entity refs (`group:default/team-platform` or
     * `team-platform`). Members may do everything in the portal; required in production.
     */
    platformGroups?: string[];
  };
  /** The shared integration backend: Kubernetes, Datadog and PagerDuty. */
  infra?: {
    kubernetes?: {
      /** Seconds a cluster snapshot is served from cache before it is fetched again (default 30). */
      cacheTtlSeconds?: number;
      /**
       * Who owns each namespace, for pod-log access: namespace -> owner group ref(s)
       * (`group:default/team-x` or `team-x`), in every cluster. A team's members may read the logs
       * of pods in the namespaces their groups own (platform members: every namespace).
       * Config wins: a namespace named here (or in the cluster's own `namespaceOwners`) is owned by
       * these groups only, whatever its `platform-portal.io/owner` label says. A namespace named
       * nowhere is owned by the group its Namespace object's `platform-portal.io/owner` label names
       * (a Group of the `default` namespace), except kube-system, kube-public and kube-node-lease,
       * which only config can give an owner. No owner at all: no team may read its pods' logs.
       */
      namespaceOwners?: { [namespace: string]: string | string[] };
      clusters?: Array<{
        name: string;
        /** Namespace owners in this cluster only; replaces the shared entry of the same namespace. */
        namespaceOwners?: { [namespace: string]: string | string[] };
        /** API server URL. */
        url?: string;
        /** @visibility secret */
        serviceAccountToken?: string;
        /** Base64 PEM of the cluster CA. */
        caData?: string;
        skipTLSVerify?: boolean;
        /** Alternatively: a kubeconfig file and context. */
        kubeconfigPath?: string;
        kubeconfigContext?: string;
        /** Link to the cloud console of this cluster. */
        consoleUrl?: string;
      }>;
    };
    datadog?: {
      /** Datadog site, e.g. datadoghq.com, ap1.datadoghq.com. */
      site?: string;
      /** Overrides the site's API URL (the sandbox). */
      baseUrl?: string;
      /** @visibility secret */
      apiKey: string;
      /** @visibility secret */
      appKey: string;
      /** The `env` tag of production traffic (default prod). */
      env?: string;
      /** Web UI base for links (default https://app.<site>). */
      appUrl?: string;
      cacheTtlSeconds?: number;
    };
    pagerduty?: {
      /** REST API base (default https://api.pagerduty.com). */
      apiBaseUrl?: string;
      /** REST API token. @visibility secret */
      token: string;
      /** Events API v2 host (default events.pagerduty.com). */
      eventsServer?: string;
      /** CA file to trust for the Events API (the sandbox's self-signed certificate). */
      eventsCaFile?: string;
      /** Web UI base for links (default https://app.pagerduty.com). */
      webUrl?: string;
      cacheTtlSeconds?: number;
    };
    resilience?: {
      /** Limit of one upstream call (default 1200). */
      timeoutMs?: number;
      /** Retries of a failing call (default 2). */
      retries?: number;
      backoffMs?: number;
      /** Limit of a whole read, retries included (default 1500): a page answers within 2 s. */
      deadlineMs?: number;
      breakerFailureThreshold?: number;
      breakerOpenSeconds?: number;
      /** How long cached data may be served stale when an upstream fails (default 24). */
      staleTtlHours?: number;
      /** Limit of one attempt of a write: an Events API page, a Datadog SLO change (default 5000). */
      writeTimeoutMs?: number;
      /** Limit of a whole write, retries included (default 15000). */
      writeDeadlineMs?: number;
      /**
       * Page cap of one paged listing, per upstream. A listing that needs more pages, or whose
       * upstream hands back a cursor (Kubernetes `continue` token) or page it already gave
       * (PagerDuty `more: true`, Datadog full pages), fails with an error naming the upstream and
       * the operation instead of paging without end; nothing is truncated silently.
       */
      maxPages?: {
        /** Pages of 500 objects per Kubernetes list (default 100: 50,000 pods, events, ...). */
        kubernetes?: number;
        /** Pages of 100 per PagerDuty list (default 100: 10,000 records, PagerDuty's offset limit). */
        pagerduty?: number;
        /** Pages of 1,000 per Datadog monitor or SLO list (default 20: 20,000 monitors). */
        datadog?: number;
        /** Pages of 1,000 of the Datadog events of the last 7 days (default 10: 10,000 events). */
        datadogEvents?: number;
      };
    };
    /**
     * Rollouts (issue 16): a Deployment whose `deployment.kubernetes.io/revision` went up in a
     * cluster snapshot is recorded once (never on first sight) by the global task `infra-rollouts`,
     * listed by `GET /api/infra/deploys`, and announced as a PagerDuty change event to each
     * PagerDuty service (`pagerduty.com/service-id`) of the entities it changed.
     */
    rollouts?: {
      /** Schedule the task (default true). */
      enabled?: boolean;
      /** Send the change events (default true); off, rollouts are still recorded and listed. */
      changeEvents?: boolean;
      /** Interval of the task (default: the Kubernetes refresh interval). */
      intervalSeconds?: number;
      /** Sends of one change event in all (429/5xx are tried again later), default 5. */
      maxAttempts?: number;
      /** First wait before a refused change event is sent again, doubling (default 60). */
      retryDelaySeconds?: number;
    };
    /**
     * Background refresh of the fleet snapshots (each cluster's kinds, Datadog monitors and
     * events, PagerDuty services, on-calls and incidents): global scheduled tasks
     * `infra-refresh-kubernetes-<cluster>`, `infra-refresh-datadog`, `infra-refresh-pagerduty`,
     * once per interval across all replicas; page views read the last snapshot from the cache.
     */
    refresh?: {
      /** Schedule the refresh tasks (default true). Off: listings run only when a page finds no fresh snapshot. */
      enabled?: boolean;
      /** Interval of every family's task (default: half of each source's cacheTtlSeconds, at least 1). */
      intervalSeconds?: number;
      kubernetes?: { intervalSeconds?: number };
      datadog?: { intervalSeconds?: number };
      pagerduty?: { intervalSeconds?: number };
      /** Limit of one attempt of one listing in a refresh (default 90). */
      listingTimeoutSeconds?: number;
      /** Limit of one listing in a refresh, retries and rate-limit waits included (default 120). */
      deadlineSeconds?: number;
      /** How long a page waits for a refresh it started before answering loading or stale (default resilience.deadlineMs). */
      pageWaitMs?: number;
      /** Delay before each task's first run (default 0). */
      initialDelaySeconds?: number;
      /** Listings of one family refreshed at the same time (default 3). */
      concurrency?: number;
      /** A snapshot nobody read for this long is no longer refreshed (default 3600). */
      idleSeconds?: number;
    };
  };
}
