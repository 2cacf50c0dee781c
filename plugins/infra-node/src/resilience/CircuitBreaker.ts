import type { BreakerState } from '@internal/plugin-infra-common';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before one trial call is let through (half-open). */
  openMs: number;
}

/**
 * Classic three-state breaker. While open, calls fail at once (the caller serves stale data);
 * after `openMs` one trial call decides between closing and re-opening.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private stateValue: BreakerState = 'closed';

  constructor(private readonly options: CircuitBreakerOptions, private readonly now: () => number = Date.now) {}

  get state(): BreakerState {
    if (this.stateValue === 'open' && this.now() - this.openedAt >= this.options.openMs) {
      return 'half-open';
    }
    return this.stateValue;
  }

  /** Whether a call may go to the upstream now. Reserves the trial slot when half-open. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'half-open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return true;
    }
    return false;
  }

  onSuccess() {
    this.failures = 0;
    this.trialInFlight = false;
    this.stateValue = 'closed';
  }

  onFailure() {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.stateValue === 'open' || this.failures >= this.options.failureThreshold) {
      this.stateValue = 'open';
      this.openedAt = this.now();
    }
  }
}
