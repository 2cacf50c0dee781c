import type { TrafficClock } from './world/traffic';
import type { World } from './world/types';

/** What every simulator is built from. */
export interface SimulatorContext {
  world: World;
  clock: TrafficClock;
}

/**
 * Credentials the simulators accept. They are not secrets: they only open the local sandbox,
 * and the simulators answer 401/403 in the vendor's format without them.
 */
export const SANDBOX_CREDENTIALS = {
  kubernetesToken: 'sandbox-service-account-token',
  datadogApiKey: 'sandbox-dd-api-key',
  datadogAppKey: 'sandbox-dd-application-key',
  pagerdutyToken: 'sandbox-pagerduty-token',
  /** Routing (integration) key accepted by the Events API v2. */
  pagerdutyRoutingKey: 'sandbox0routing0key0000000000000',
} as const;
