export interface Config {
  /** Production readiness reviews (`/api/prr`). Every key is optional. */
  prr?: {
    /**
     * The template every entity is reviewed against (default `default`, the checklist shipped in
     * plugins/prr-backend/templates/default.yaml). An entity can pick another with the
     * annotation `prr.platform-portal/template: <id>`.
     */
    defaultTemplate?: string;
    /**
     * Folders with more template files (`*.yaml`, one template each, the same format as
     * templates/default.yaml). A template whose id equals a shipped one replaces it.
     */
    templateDirs?: string[];
    /**
     * Templates written inline in the configuration (same format). They replace a template with
     * the same id, or, with `extends: <id>`, add sections and items to it (an item id that exists
     * replaces that item).
     */
    templates?: Array<{
      id: string;
      extends?: string;
      title?: { en: string; ja: string };
      sections: Array<{
        id: string;
        title?: { en: string; ja: string };
        items: Array<{
          id: string;
          title: { en: string; ja: string };
          guidance: { en: string; ja: string };
          tiers: Array<'A' | 'B' | 'C'>;
          check?: string;
          manual?: boolean;
        }>;
      }>;
    }>;
    /** The scheduled re-evaluation of every component (scope global: one backend runs it). */
    schedule?: {
      /** Minutes between evaluations (default 30). */
      frequencyMinutes?: number;
      /** Minutes one run may take (default 10). */
      timeoutMinutes?: number;
      /** Seconds after start-up before the first run (default 60). */
      initialDelaySeconds?: number;
    };
    /** Days of score trend the scorecard shows (default 30). */
    trendDays?: number;
    /**
     * Days evaluations are kept (default 90); the scheduled run deletes older ones, except each
     * entity's latest.
     */
    retentionDays?: number;
  };
}
