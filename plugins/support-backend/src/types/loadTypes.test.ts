import { ConfigReader } from '@backstage/config';
import { isBusinessTime } from '@internal/plugin-support-common';
import { readSupportConfig } from '../config';
import { loadRequestTypes } from './loadTypes';

describe('request types', () => {
  it('loads the built-in types with both languages, fields and SLA targets in business minutes', () => {
    const types = loadRequestTypes();
    expect(types.map(t => t.id)).toEqual([
      'kubernetes-manifest-change',
      'new-infrastructure',
      'access',
      'secrets',
      'ci-cd',
      'monitoring-alerts',
      'oncall-setup',
      'incident-assistance',
      'cost',
      'question',
      'other',
    ]);
    for (const t of types) {
      expect(t.title.en && t.title.ja && t.description.en && t.description.ja).toBeTruthy();
      for (const f of t.fields) expect(f.label.en && f.label.ja).toBeTruthy();
      expect(t.fields.some(f => f.required)).toBe(true);
    }
    const infra = types.find(t => t.id === 'new-infrastructure')!;
    expect(infra.fields.find(f => f.id === 'resource')!.options!.map(o => o.value)).toEqual([
      'database',
      'cache',
      'queue',
      'bucket',
    ]);
    expect(infra.sla.P3).toEqual({ firstResponseMinutes: 240, resolutionMinutes: 2700 });
    expect(infra.sla.P1).toEqual({ firstResponseMinutes: 30, resolutionMinutes: 240 });
  });

  it('takes overrides and new types from config, and hides disabled ones', () => {
    const config = new ConfigReader({
      support: {
        disabledTypes: ['cost'],
        types: [
          { id: 'question', defaultPriority: 'P3', sla: { P3: { firstResponse: '2h', resolution: '1h30m' } } },
          {
            id: 'dns-record',
            title: { en: 'DNS record', ja: 'DNS レコード' },
            description: { en: 'A DNS change', ja: 'DNS の変更' },
            defaultPriority: 'P4',
            fields: [{ id: 'hostname', label: { en: 'Host name', ja: 'ホスト名' }, kind: 'text', required: true }],
          },
        ],
      },
    });
    const types = loadRequestTypes(config);
    expect(types.map(t => t.id)).not.toContain('cost');
    const question = types.find(t => t.id === 'question')!;
    expect(question.defaultPriority).toBe('P3');
    expect(question.title.ja).toBe('質問');
    expect(question.sla.P3).toEqual({ firstResponseMinutes: 120, resolutionMinutes: 90 });
    expect(types.find(t => t.id === 'dns-record')!.fields[0]).toMatchObject({ id: 'hostname', required: true });
  });

  it('fails with the offending path on a bad override', () => {
    const config = new ConfigReader({ support: { types: [{ id: 'x', title: { en: 'X' } }] } });
    expect(() => loadRequestTypes(config)).toThrow(/support\.types\[0\].*title\.ja/);
  });

  it('reads the calendar from config and rejects a broken one', () => {
    const c = readSupportConfig(
      new ConfigReader({
        support: { businessHours: { timeZone: 'Europe/Berlin', start: '08:30', extraHolidays: ['2026-12-24'] } },
      }),
    );
    expect(c.calendar).toMatchObject({ timeZone: 'Europe/Berlin', start: '08:30', end: '18:00' });
    expect(c.calendar.holidays).toContain('2026-12-24');
    // The Japanese national holidays stay days off by default (勤労感謝の日 2026, 成人の日 2028).
    expect(c.calendar.publicHolidays).toBe('JP');
    expect(isBusinessTime(Date.parse('2026-11-23T10:00:00+01:00'), c.calendar)).toBe(false);
    expect(isBusinessTime(Date.parse('2028-01-10T10:00:00+01:00'), c.calendar)).toBe(false);
    expect(isBusinessTime(Date.parse('2026-12-24T10:00:00+01:00'), c.calendar)).toBe(false);
    expect(isBusinessTime(Date.parse('2026-12-23T10:00:00+01:00'), c.calendar)).toBe(true);
    // `publicHolidays: none` leaves only the listed days; annual closures recur every year.
    const own = readSupportConfig(
      new ConfigReader({ support: { businessHours: { publicHolidays: 'none', annualHolidays: ['12-31', '01-02'] } } }),
    ).calendar;
    expect(isBusinessTime(Date.parse('2026-11-23T10:00:00+09:00'), own)).toBe(true);
    expect(isBusinessTime(Date.parse('2029-12-31T10:00:00+09:00'), own)).toBe(false);
    expect(() => readSupportConfig(new ConfigReader({ support: { businessHours: { publicHolidays: 'US' } } }))).toThrow(
      /publicHolidays/,
    );
    expect(() =>
      readSupportConfig(new ConfigReader({ support: { businessHours: { annualHolidays: ['13-01'] } } })),
    ).toThrow(/annualHolidays/);
    expect(() =>
      readSupportConfig(new ConfigReader({ support: { businessHours: { timeZone: 'Nowhere/City' } } })),
    ).toThrow(/support\.businessHours.*timeZone/);
  });
});
