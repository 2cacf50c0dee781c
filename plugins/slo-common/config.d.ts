export interface Config {
  slo?: {
    /**
     * IANA time zone of the SLO calendar (default Asia/Tokyo): where days, Monday-first weeks and
     * calendar-month windows start, and the wall clock recurring corrections (RRULE, e.g.
     * `FREQ=WEEKLY;BYDAY=TU;BYHOUR=2`) and the correction dialog's times are read in. Shared by
     * the backend and the SLO pages, so both use the same zone.
     * @visibility frontend
     */
    timeZone?: string;
  };
}
