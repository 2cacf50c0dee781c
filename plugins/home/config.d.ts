export interface Config {
  portal?: {
    /**
     * The platform team's announcements on the home page, newest first. `body` is Markdown
     * (rendered without raw HTML).
     * @visibility frontend
     */
    announcements?: Array<{
      /**
       * ISO date, e.g. 2026-11-20.
       * @visibility frontend
       */
      date: string;
      /** @visibility frontend */
      title: string;
      /** @visibility frontend */
      body: string;
    }>;
  };
}
