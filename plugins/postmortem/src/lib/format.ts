/** `2026-11-20 01:05` (UTC) of an ISO time. */
export const utcMinute = (iso?: string) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

type Units = (key: 'units.seconds' | 'units.minutes' | 'units.hoursMinutes', options: Record<string, string>) => string;

/** `1 h 05 min` / `12 min` / `40 s` of seconds (`1 時間 05 分` … in Japanese, through `t`). */
export function duration(seconds: number | null | undefined, t?: Units): string {
  if (seconds === null || seconds === undefined) return '—';
  const say: Units =
    t ??
    ((key, o) =>
      ({ 'units.seconds': `${o.n} s`, 'units.minutes': `${o.n} min`, 'units.hoursMinutes': `${o.h} h ${o.m} min` }[
        key
      ]));
  if (seconds < 60) return say('units.seconds', { n: String(Math.round(seconds)) });
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  return h
    ? say('units.hoursMinutes', { h: String(h), m: String(minutes % 60).padStart(2, '0') })
    : say('units.minutes', { n: String(minutes) });
}

export const percent = (ratio: number) => `${(ratio * 100).toFixed(ratio < 0.01 ? 2 : 1)} %`;

/** ISO (UTC) → the value of an `<input type="datetime-local">` showing UTC. */
export const toLocalInput = (iso: string) => iso.slice(0, 16);
/** The value of an `<input type="datetime-local">` read as UTC → ISO. */
export const fromLocalInput = (value: string) => new Date(`${value}:00Z`).toISOString();
