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
     * The MTTA/MTTR route (`GET /api/postmortem/metrics`). It answers within `deadlineSeconds`
     * (default 5) whatever PagerDuty does: without an incident list by then it answers 503 with
     * the reason; incidents whose log (the acknowledgement time) was not read by then, or beyond
     * `maxLogLookups` (default 1,000) incidents, are left out of MTTA and the answer says so
     * (`acknowledgements`, `partial`).
     */
    metrics?: {
      deadlineSeconds?: number;
      maxLogLookups?: number;
    };
  };
}
