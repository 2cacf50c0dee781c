export interface Config {
  /** Settings of the postmortem backend plugin. */
  postmortem?: {
    /**
     * The postmortem template (Markdown) per language. Placeholders `{{title}}`, `{{service}}`,
     * `{{services}}`, `{{startedAt}}`, `{{endedAt}}`, `{{duration}}`, `{{urgency}}`,
     * `{{responders}}`, `{{incident}}` are filled at creation; the lines `{{sloImpact}}`,
     * `{{timeline}}` and `{{actionItems}}` are rendered from live data.
     */
    template?: {
      en?: string;
      ja?: string;
    };
    /** A YAML file with keys `en` and `ja` (Markdown templates); `template` wins over it. */
    templateFile?: string;
    /** Language of new postmortems when the request names none (`en` or `ja`, default `en`). */
    defaultLanguage?: string;
    /** Compute the SLO impact from the `slo` backend at creation (default true). */
    sloImpact?: {
      enabled?: boolean;
    };
    /**
     * MTTA/MTTR (`GET /api/postmortem/metrics`) come from an incident history in the plugin's
     * database, refreshed by the global scheduled task `postmortem-incident-history` (once per
     * interval across replicas); the route reads only the database and never calls PagerDuty.
     */
    metrics?: {
      /** Minutes between refreshes (default 10). The history is fresh within two intervals. */
      refreshMinutes?: number;
      /** Days of incidents listed and kept (default 92, at most 400). */
      historyDays?: number;
      /** Incident logs (acknowledgement times) read per refresh at most (default 500). */
      maxLogLookupsPerRun?: number;
      /** Limit of one refresh run in minutes (default 4). */
      refreshTimeoutMinutes?: number;
      /** Delay of the first refresh after start-up in seconds (default 5). */
      initialDelaySeconds?: number;
      /** @deprecated Ignored: the route reads the database and answers at once. */
      deadlineSeconds?: number;
      /** @deprecated Ignored: see `maxLogLookupsPerRun`. */
      maxLogLookups?: number;
    };
  };
}
