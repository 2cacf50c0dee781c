export interface Config {
  /** Settings of the prr backend plugin. */
  prr?: {};
}
