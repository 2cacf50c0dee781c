/** Past this many views of one set of snapshots, the views start over (bounds memory, not correctness). */
const MAX_VIEWS = 10_000;

/**
 * Views derived from fleet snapshots (one entity's workloads in a cluster, its monitors), computed
 * once per snapshot version instead of on every page view.
 *
 * A snapshot keeps its value object until it is refreshed (`Snapshots` hands out the same array),
 * so a view is keyed by the identity of the snapshot values it is made of plus a key naming the
 * entity's side (its selector, its tags). A refresh gives new values, hence new views; the
 * previous ones are dropped with the old values (weak keys). Freshness is never part of a view:
 * callers add the snapshot's current freshness to every answer.
 */
export class SnapshotViews {
  private readonly views = new WeakMap<object, Map<string, { inputs: unknown[]; value: unknown }>>();

  /**
   * `compute()`, reused while `inputs` are the same objects (the first one, a snapshot's value,
   * holds the views) and `key` is the same. A thrown error is not kept.
   */
  get<T>(inputs: [object, ...unknown[]], key: string, compute: () => T): T {
    const [first] = inputs;
    let byKey = this.views.get(first);
    if (!byKey) {
      byKey = new Map();
      this.views.set(first, byKey);
    }
    const hit = byKey.get(key);
    if (hit && hit.inputs.length === inputs.length && hit.inputs.every((x, i) => x === inputs[i])) {
      return hit.value as T;
    }
    const value = compute();
    if (byKey.size >= MAX_VIEWS) byKey.clear();
    byKey.set(key, { inputs, value });
    return value;
  }
}
