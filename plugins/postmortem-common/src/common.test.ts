import {
  DEFAULT_TEMPLATES,
  fillTemplate,
  isSafeUrl,
  lineDiff,
  mergeTexts,
  pagerDutyMessage,
  renderDocument,
  timelineText,
  withTimelineCode,
} from './index';

describe('postmortem-common', () => {
  it('fills creation placeholders, escapes values and keeps the live markers', () => {
    const doc = fillTemplate(DEFAULT_TEMPLATES.en, {
      title: 'High 5xx <b>on</b> cart',
      duration: '1 h 5 min',
    });
    expect(doc).toContain('High 5xx \\<b\\>on\\</b\\> cart');
    expect(doc).toContain('Duration: 1 h 5 min');
    expect(doc).toContain('{{timeline}}');
    expect(doc).toContain('{{sloImpact}}');
    expect(fillTemplate(DEFAULT_TEMPLATES.ja, { title: 'x' })).toContain('## 根本原因と寄与要因');
  });

  it('renders the live markers from the data', () => {
    const text = renderDocument({
      document: '## Timeline\n\n{{timeline}}\n\n{{sloImpact}}\n\n{{actionItems}}\n',
      language: 'en',
      timeline: [
        {
          id: '1',
          at: '2026-11-20T01:00:00.000Z',
          kind: 'trigger',
          text: 'Triggered | by Datadog',
          keyMoment: true,
          source: 'pagerduty',
        },
      ],
      impact: {
        entityRef: 'component:default/cart-service',
        from: '2026-11-20T01:00:00.000Z',
        to: '2026-11-20T02:00:00.000Z',
        computedAt: '2026-11-20T03:00:00.000Z',
        slos: [
          {
            entityRef: 'component:default/cart-service',
            name: 'cart-service',
            objective: 99.9,
            window: '30d',
            bad: 420,
            total: 50000,
            budgetConsumedRatio: 0.125,
            allowedBad: 3360,
            peakBurnRate: 12.5,
            bucketSeconds: 300,
            endpoints: [{ resource: 'POST /v1/x', bad: 400, total: 20000 }],
          },
        ],
      },
      actionItems: [],
    });
    expect(text).toContain('| 2026-11-20 01:00:00 | **Triggered \\| by Datadog** | pagerduty |');
    expect(text).toContain('| cart-service 99.9 % | 420 | 50000 | 12.5 % | 12.5× |');
    expect(text).toContain(
      '| Affected endpoints | Bad requests | Requests |\n|---|---|---|\n| POST /v1/x | 400 | 20000 |',
    );
    expect(text).toContain('_No action items yet._');
  });

  it('accepts only http(s), mailto and relative URLs', () => {
    const js = ['java', 'script:'].join('');
    for (const bad of [
      `${js}alert(1)`,
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>',
      'vbscript:x',
      '\u0001javascript:x',
    ]) {
      expect({ bad, safe: isSafeUrl(bad) }).toEqual({ bad, safe: false });
    }
    for (const good of ['https://example.com', 'http://x', 'mailto:a@b', '/catalog', '#timeline']) {
      expect(isSafeUrl(good)).toBe(true);
    }
  });

  it('diffs lines and merges non-overlapping edits, keeping both on overlap', () => {
    expect(lineDiff('a\nb\n', 'a\nc\n')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'c' },
    ]);
    const base = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n';
    const mine = base.replace('one', 'ONE');
    const theirs = base.replace('seven', 'SEVEN');
    expect(mergeTexts(base, mine, theirs)).toEqual({
      text: 'ONE\ntwo\nthree\nfour\nfive\nsix\nSEVEN\n',
      clean: true,
    });
    const clash = mergeTexts(base, base.replace('one', 'mine'), base.replace('one', 'theirs'));
    expect(clash.clean).toBe(false);
    expect(clash.text).toContain('theirs');
    expect(clash.text).toContain('mine\ntwo');
  });
});

describe('PagerDuty sentences as codes', () => {
  it.each([
    ['Triggered through the API.', 'triggeredApi', {}],
    ['Acknowledged by Sato Yuki.', 'acknowledged', { actor: 'Sato Yuki' }],
    [
      'Escalated to Kato Minato, Ito Aoi (level 2) after the acknowledgement deadline passed.',
      'escalatedTimeout',
      { to: 'Kato Minato, Ito Aoi', level: 2 },
    ],
    [
      'Escalated to Kato Minato (level 2) by Sato Yuki.',
      'escalated',
      { to: 'Kato Minato', level: 2, actor: 'Sato Yuki' },
    ],
    ['Notified Sato Yuki by push notification.', 'notifiedPush', { user: 'Sato Yuki' }],
    ['Note added by Sato Yuki: rolled back v1.2.3', 'noteAdded', { user: 'Sato Yuki', note: 'rolled back v1.2.3' }],
    ['Urgency changed from low to high.', 'urgencyToHigh', {}],
  ])('reads %s', (text, code, params) => {
    expect(pagerDutyMessage(text)).toEqual({ code, params });
  });

  it('leaves a sentence it does not know, and manual entries, without a code', () => {
    expect(pagerDutyMessage('Rolled back by hand')).toBeUndefined();
    const manual = {
      id: '1',
      at: '2026-11-01T00:00:00.000Z',
      kind: 'note',
      text: 'Acknowledged by Sato Yuki.',
      keyMoment: false,
      source: 'manual' as const,
    };
    expect(withTimelineCode(manual)).toEqual(manual);
  });

  it('writes an entry in the language asked for, and the text as written for an unknown code', () => {
    const entry = withTimelineCode({
      id: '1',
      at: '2026-11-01T00:00:00.000Z',
      kind: 'resolve',
      text: 'Resolved by Sato Yuki.',
      keyMoment: true,
      source: 'pagerduty',
    });
    expect(timelineText(entry, 'ja')).toBe('Sato Yuki が解決しました。');
    expect(timelineText(entry, 'en')).toBe('Resolved by Sato Yuki.');
    expect(timelineText({ ...entry, code: 'somethingNew' as any }, 'ja')).toBe('Resolved by Sato Yuki.');
  });
});
