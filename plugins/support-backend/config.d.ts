export interface Config {
  /** Settings of the support backend plugin (`/api/support`). */
  support?: {
    /**
     * Request types added to, or overriding by id, the built-in ones (types/default.yaml).
     * Same shape as there: id, title {en, ja}, description {en, ja}, fields (id, label {en, ja},
     * kind text|textarea|select|entity|url|number|boolean, required, options, maxLength),
     * defaultPriority P1-P4, sla { P1: { firstResponse: 30m, resolution: 4h }, ... } in business
     * time, urgencyField. An override replaces only the keys it gives.
     */
    types?: Array<{
      id: string;
      title?: { en: string; ja: string };
      description?: { en: string; ja: string };
      defaultPriority?: 'P1' | 'P2' | 'P3' | 'P4';
      urgencyField?: string;
      fields?: Array<{
        id: string;
        label: { en: string; ja: string };
        kind: 'text' | 'textarea' | 'select' | 'entity' | 'url' | 'number' | 'boolean';
        required?: boolean;
        maxLength?: number;
        options?: Array<{ value: string; label: { en: string; ja: string } }>;
      }>;
      sla?: {
        [priority: string]: { firstResponse: string | number; resolution: string | number };
      };
    }>;
    /** Ids of built-in types to hide. */
    disabledTypes?: string[];
    /** The business-hours calendar of the SLA clocks (default: Japan). */
    businessHours?: {
      /**
       * IANA time zone of the business day, the holidays and the analytics' days and months
       * (default Asia/Tokyo).
       */
      timeZone?: string;
      /** Opening time, HH:MM (default 09:00). */
      start?: string;
      /** Closing time, HH:MM (default 18:00). */
      end?: string;
      /** Working days, 0 = Sunday … 6 = Saturday (default 1-5). */
      workDays?: number[];
      /**
       * Public holidays that are days off: `JP` (default) = the Japanese national holidays
       * (国民の祝日, 振替休日, 国民の休日) from the maintained `@holiday-jp/holiday_jp` list, every
       * year; `none` = no public holidays (list them yourself in `holidays`).
       */
      publicHolidays?: 'JP' | 'none';
      /** Further days off (YYYY-MM-DD), on top of the public holidays (e.g. a company anniversary). */
      holidays?: string[];
      /** More days off (YYYY-MM-DD), added to `holidays`. */
      extraHolidays?: string[];
      /** Days off every year (MM-DD), e.g. a new-year closure: [12-29, 12-30, 12-31, 01-02, 01-03]. */
      annualHolidays?: string[];
    };
    sla?: {
      /** Share of a target after which a clock is in warning (default 0.75). */
      warningRatio?: number;
      /** How often the SLA job records warnings and breaches, in minutes (default 5). */
      checkFrequencyMinutes?: number;
    };
    /** Urgent help: incident-assistance requests with urgency high page the platform on-call. */
    urgent?: {
      /**
       * PagerDuty Events API v2 routing key of the platform on-call service.
       * @visibility secret
       */
      routingKey?: string;
      /** Do not page again for an urgent request on the same entity within this many minutes (default 60). */
      dedupWindowMinutes?: number;
    };
    /** Largest accepted request body, in bytes (default 65536). */
    maxBodyBytes?: number;
    /** Seed a few example requests into an empty database; only when `infra.sandbox` is true. */
    demoData?: boolean;
  };
}
