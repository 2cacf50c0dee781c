import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { PostmortemStore, RevisionConflictError } from './PostmortemStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ disableDocker: true });

const base = {
  entityRef: 'component:default/cart-service',
  ownerRef: 'group:default/team-checkout',
  title: 'Elevated 5xx on cart-service',
  severity: 'SEV2' as const,
  language: 'en' as const,
  incidentIds: ['Q1'],
  startedAt: '2026-11-20T01:00:00.000Z',
  endedAt: '2026-11-20T02:00:00.000Z',
  document: '## Summary\n\nfirst draft\n',
  timeline: [
    {
      at: '2026-11-20T01:00:00.000Z',
      kind: 'trigger',
      text: 'Triggered',
      keyMoment: true,
      source: 'pagerduty' as const,
    },
    {
      at: '2026-11-20T01:05:00.000Z',
      kind: 'acknowledge',
      text: 'Acknowledged by Sato',
      keyMoment: true,
      source: 'pagerduty' as const,
    },
  ],
};

describe('PostmortemStore', () => {
  it('runs on PostgreSQL as well as SQLite in CI', () => {
    const ids = databases.eachSupportedId().map(([id]) => id);
    expect(ids).toContain('SQLITE_3');
    expect(!process.env.CI || ids.some(id => id.startsWith('POSTGRES'))).toBe(true);
  });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    const extra: Knex[] = [];
    afterAll(async () => {
      await Promise.all(extra.map(k => k.destroy()));
    });

    async function createStores() {
      const knex = await databases.init(databaseId);
      const store = await PostmortemStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      // A second "backend process": its own connection pool on the same PostgreSQL database
      // (SQLite in memory has one connection, so the second store shares it).
      let other = knex;
      if (!databaseId.startsWith('SQLITE')) {
        other = knexFactory(knex.client.config);
        extra.push(other);
      }
      const store2 = await PostmortemStore.create({
        database: mockServices.database({ knex: other, migrations: { skip: true } }),
      });
      return { knex, store, store2 };
    }

    it('creates a postmortem with revision 1, its snapshot and timeline', async () => {
      const { store } = await createStores();
      const pm = await store.create(base, 'user:default/a');
      expect(pm).toMatchObject({ status: 'draft', revision: 1, title: base.title, incidentIds: ['Q1'] });
      expect(pm.timeline.map(t => t.kind)).toEqual(['trigger', 'acknowledge']);
      expect(await store.revisions(pm.id)).toEqual([
        expect.objectContaining({ revision: 1, document: base.document, author: 'user:default/a' }),
      ]);
      expect((await store.historyOf(pm.id)).map(h => h.action)).toEqual(['created']);
    });

    it('two saves based on the same revision: the second gets a conflict and nothing is lost', async () => {
      const { store, store2 } = await createStores();
      const pm = await store.create(base, 'user:default/a');
      const results = await Promise.allSettled([
        store.updateDocument(pm.id, 1, { document: 'text of A\n' }, 'user:default/a'),
        store2.updateDocument(pm.id, 1, { document: 'text of B\n' }, 'user:default/b'),
      ]);
      const ok = results.filter(r => r.status === 'fulfilled');
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(1);
      const error = failed[0].reason;
      expect(error).toBeInstanceOf(RevisionConflictError);
      expect(error.name).toBe('ConflictError');
      const winner = (ok[0] as PromiseFulfilledResult<any>).value;
      expect(winner.revision).toBe(2);
      // The conflict carries the winner's revision, so the loser can diff and merge.
      expect(error.current).toMatchObject({ revision: 2, document: winner.document });
      expect(error.baseRevision).toBe(1);
      // Nothing lost: revision 1 (the base) and revision 2 (the winner) are both stored; the
      // loser's text was not applied anywhere and it can save again on revision 2.
      const revisions = await store.revisions(pm.id);
      expect(revisions.map(r => r.revision)).toEqual([2, 1]);
      expect(revisions[1].document).toBe(base.document);
      const loserText = winner.document === 'text of A\n' ? 'text of B\n' : 'text of A\n';
      const merged = await store2.updateDocument(
        pm.id,
        2,
        { document: `${winner.document}${loserText}` },
        'user:default/b',
      );
      expect(merged.revision).toBe(3);
      expect(merged.document).toContain('text of A');
      expect(merged.document).toContain('text of B');
      expect((await store.revisions(pm.id)).map(r => r.revision)).toEqual([3, 2, 1]);
    });

    it('many concurrent saves on one base: exactly one wins', async () => {
      const { store, store2 } = await createStores();
      const pm = await store.create(base, 'user:default/a');
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? store2 : store).updateDocument(pm.id, 1, { title: `t${i}` }, `user:default/u${i}`),
        ),
      );
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter(r => r.status === 'rejected' && r.reason instanceof RevisionConflictError)).toHaveLength(7);
      expect((await store.get(pm.id))!.revision).toBe(2);
    });

    it('review workflow: in review, approvals, published is read-only until reopened', async () => {
      const { store } = await createStores();
      const pm = await store.create(base, 'user:default/a');
      await store.requestReview(pm.id, ['user:default/r1', 'user:default/r2'], 'user:default/a');
      await expect(store.requestReview(pm.id, ['user:default/r1'], 'user:default/a')).rejects.toThrow(
        /in_review, not draft/,
      );
      expect(await store.approve(pm.id, 'user:default/r1')).toEqual({ published: false });
      await expect(store.approve(pm.id, 'user:default/r1')).rejects.toThrow(/already approved/);
      await expect(store.approve(pm.id, 'user:default/x')).rejects.toThrow(/not a reviewer/);
      expect(await store.approve(pm.id, 'user:default/r2')).toEqual({ published: true });
      const published = await store.get(pm.id);
      expect(published!.status).toBe('published');
      expect(published!.reviewers.every(r => r.approvedAt)).toBe(true);
      await expect(store.updateDocument(pm.id, 1, { document: 'x' }, 'user:default/a')).rejects.toThrow(/read-only/);
      await expect(
        store.addTimelineEntry(pm.id, { at: base.startedAt, kind: 'note', text: 'x' }, 'user:default/a'),
      ).rejects.toThrow(/read-only/);
      expect((await store.get(pm.id))!.revision).toBe(1);
      await store.reopen(pm.id, 'user:default/a', 'new finding');
      const reopened = await store.updateDocument(pm.id, 1, { document: 'y' }, 'user:default/a');
      expect(reopened).toMatchObject({ status: 'draft', revision: 2 });
      expect(reopened.reviewers.every(r => !r.approvedAt)).toBe(true);
      expect((await store.historyOf(pm.id)).map(h => h.action)).toEqual([
        'created',
        'review-requested',
        'approved',
        'approved',
        'published',
        'reopened',
        'saved',
      ]);
    });

    it('timeline and action items, overdue tracking across postmortems', async () => {
      const { store } = await createStores();
      const a = await store.create(base, 'user:default/a');
      const b = await store.create(
        { ...base, entityRef: 'component:default/checkout-service', title: 'B' },
        'user:default/a',
      );
      const entry = await store.addTimelineEntry(
        a.id,
        { at: '2026-11-20T01:30:00.000Z', kind: 'action', text: 'Rolled back' },
        'user:default/a',
      );
      await store.updateTimelineEntry(a.id, entry.id, { keyMoment: true }, 'user:default/a');
      expect((await store.get(a.id))!.timeline.find(t => t.id === entry.id)).toMatchObject({
        keyMoment: true,
        source: 'manual',
      });
      await store.deleteTimelineEntry(a.id, a.timeline[0].id, 'user:default/a');
      expect((await store.get(a.id))!.timeline).toHaveLength(2);

      await store.addActionItem(
        a.id,
        { title: 'old', ownerRef: 'group:default/team-checkout', dueDate: '2020-01-01', priority: 'P1' },
        'u',
      );
      const done = await store.addActionItem(
        b.id,
        { title: 'done', ownerRef: 'group:default/team-checkout', dueDate: '2020-01-01' },
        'u',
      );
      await store.updateActionItem(b.id, done.id, { status: 'done' }, 'u');
      await store.addActionItem(b.id, { title: 'future', ownerRef: 'user:default/sato', dueDate: '2999-01-01' }, 'u');
      const today = '2026-11-26';
      const overdue = await store.listActionItems({ overdue: true, today });
      expect(overdue.map(i => i.title)).toEqual(['old']);
      expect(overdue[0]).toMatchObject({ overdue: true, postmortemTitle: base.title, entityRef: base.entityRef });
      const mine = await store.listActionItems({
        ownerRefs: ['user:default/sato', 'group:default/team-checkout'],
        status: ['open', 'in_progress'],
        today,
      });
      expect(mine.map(i => i.title)).toEqual(['old', 'future']);
      expect((await store.list({ entityRef: 'component:default/checkout-service' }))[0]).toMatchObject({
        title: 'B',
        openActionItems: 1,
      });
      expect((await store.list({ q: 'FIRST draft' })).map(p => p.id)).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(await store.list({ q: '100%_' })).toEqual([]);
      expect(await store.delete(b.id)).toBe(true);
      expect(await store.get(b.id)).toBeUndefined();
    });
  });
});
