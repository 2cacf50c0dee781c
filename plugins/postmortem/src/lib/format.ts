/** `2026-11-20 01:05` (UTC) of an ISO time. */
export const utcMinute = (iso?: string) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

/** `1 h 05 min` / `12 min` / `40 s` of seconds. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  return h ? `${h} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
}

export const percent = (ratio: number) => `${(ratio * 100).toFixed(ratio < 0.01 ? 2 : 1)} %`;

/** `group:default/team-x` → `team-x`, `component:default/x` → `x`. */
export const shortRef = (ref: string) => ref.replace(/^[a-z]+:default\//, '');

/** ISO (UTC) → the value of an `<input type="datetime-local">` showing UTC. */
export const toLocalInput = (iso: string) => iso.slice(0, 16);
/** The value of an `<input type="datetime-local">` read as UTC → ISO. */
export const fromLocalInput = (value: string) => new Date(`${value}:00Z`).toISOString();
