import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Meilisearch } from 'meilisearch';
import {
  MeilisearchBinaryMissingError,
  resolveMeilisearchBinary,
  startEmbeddedMeilisearch,
} from '../../server/lib/embedded/meilisearch';
import { silentLogger } from '../../server/lib/logger';

let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-kb-meili-'));
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded Meilisearch', () => {
  it('when started twice on the same data directory, then the key is kept (0600) and the data survives', async () => {
    const first = await startEmbeddedMeilisearch({ dataDir, logger: silentLogger });
    await new Meilisearch({ host: first.host, apiKey: first.masterKey }).createIndex('kept').waitTask({ timeout: 120_000 });
    await first.stop();

    const second = await startEmbeddedMeilisearch({ dataDir, logger: silentLogger });
    try {
      const keyFile = path.join(dataDir, 'meilisearch', 'master-key');
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(second.masterKey).toBe(first.masterKey);
      expect(second.host).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = new Meilisearch({ host: second.host, apiKey: second.masterKey });
      expect((await client.getRawIndex('kept')).uid).toBe('kept');
      expect((await client.getVersion()).pkgVersion).toBe('1.21.0');
    } finally {
      await second.stop();
    }
  });

  it('when requests come without the master key, then they are refused', async () => {
    const meili = await startEmbeddedMeilisearch({ dataDir, logger: silentLogger });
    try {
      const res = await fetch(`${meili.host}/indexes`);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'missing_authorization_header', type: 'auth' });
      const wrong = await fetch(`${meili.host}/indexes`, { headers: { Authorization: 'Bearer not-the-key' } });
      expect(wrong.status).toBe(403);
      expect(await wrong.json()).toMatchObject({ code: 'invalid_api_key' });
    } finally {
      await meili.stop();
    }
  });

  it('when stopped, then the process is gone and the port no longer answers', async () => {
    const meili = await startEmbeddedMeilisearch({ dataDir, logger: silentLogger });

    await meili.stop();

    await expect(fetch(`${meili.host}/health`)).rejects.toThrow();
  });

  it('when the packaged binary has lost its run bit, then it is made executable again', () => {
    const bin = resolveMeilisearchBinary();
    fs.chmodSync(bin, 0o644);

    const resolved = resolveMeilisearchBinary();

    expect(resolved).toBe(bin);
    expect(fs.statSync(bin).mode & 0o111).not.toBe(0);
  });

  it('when MEILI_BIN names a missing file, then the error says to set MEILI_HOST or MEILI_BIN', () => {
    const act = () => resolveMeilisearchBinary('/nowhere/meilisearch');

    expect(act).toThrow(MeilisearchBinaryMissingError);
    expect(act).toThrow(/MEILI_HOST.*MEILI_BIN/s);
  });
});
