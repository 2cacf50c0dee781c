import { timestampToIso } from './timestamps';

describe('timestampToIso', () => {
  it('reads PostgreSQL dates, SQLite text and epoch numbers as the same instant', () => {
    const iso = '2026-11-26T05:00:00.000Z';
    expect(timestampToIso(new Date(iso))).toBe(iso);
    expect(timestampToIso(Date.parse(iso))).toBe(iso);
    expect(timestampToIso('2026-11-26 05:00:00')).toBe(iso);
    expect(timestampToIso('2026-11-26T14:00:00+09:00')).toBe(iso);
    expect(timestampToIso('2026-11-26T05:00:00Z')).toBe(iso);
  });
});
