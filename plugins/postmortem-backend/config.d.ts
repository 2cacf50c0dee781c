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
  };
}
