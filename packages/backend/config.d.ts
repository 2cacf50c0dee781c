export interface Config {
  portal?: {
    /** Prometheus metrics of the backend process. */
    metrics?: {
      /**
       * Port of a separate listener serving `GET /metrics` (Prometheus text format). Unset: off.
       * Keep it off the Ingress; scrape it inside the cluster.
       */
      port?: number;
      /** Interface the metrics listener binds to. Default 0.0.0.0 (the pod IP). */
      host?: string;
    };
  };
}
