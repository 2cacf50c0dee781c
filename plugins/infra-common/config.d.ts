export interface Config {
  infra?: {
    /**
     * True when the upstreams are the local simulators; the UI then shows a "sandbox data" marker.
     * @visibility frontend
     */
    sandbox?: boolean;
  };
}
