export interface Config {
  portal?: {
    /**
     * The platform team's announcements on the home page, newest first. `body` is Markdown
     * (rendered without raw HTML).
     * @visibility frontend
     */
    announcements?: Array<{
      /** ISO date, e.g. 2026-11-20. */
      date: string;
      title: string;
      body: string;
    }>;
  };
}
