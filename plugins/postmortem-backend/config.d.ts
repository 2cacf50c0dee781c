export interface Config {
  /** Settings of the postmortem backend plugin. */
  postmortem?: {};
}
