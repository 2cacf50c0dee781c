import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { mockCredentials } from '@backstage/backend-test-utils';
import userSettingsPlugin from '@backstage/plugin-user-settings-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';

/**
 * The local default keeps one SQLite file per plugin under a data folder, so what users write
 * survives a restart. This starts a backend with that configuration, writes, restarts and reads.
 */
describe('local SQLite persistence', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-data-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const start = () =>
    startTestBackend({
      features: [
        userSettingsPlugin,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: {
                client: 'better-sqlite3',
                connection: { directory: dir },
              },
            },
          },
        }),
      ],
    });

  it('keeps what a user wrote across a restart', async () => {
    const auth = mockCredentials.user.header('user:default/sato.yuki');
    const first = await start();
    const put = await request(first.server)
      .put('/api/user-settings/buckets/portal/keys/language')
      .set('Authorization', auth)
      .send({ value: 'ja' });
    expect(put.status).toBe(200);
    await first.stop();

    expect(fs.readdirSync(dir)).toContain('user-settings.sqlite');

    const second = await start();
    const get = await request(second.server)
      .get('/api/user-settings/buckets/portal/keys/language')
      .set('Authorization', auth);
    expect(get.status).toBe(200);
    expect(get.body.value).toBe('ja');
    await second.stop();
  });
});
