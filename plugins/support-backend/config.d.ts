export interface Config {
  /** Settings of the support backend plugin. */
  support?: {};
}
