import path from 'node:path';
import { ConfigError, loadConfig } from '../../server/lib/config';
import { projectRoot } from '../../server/lib/paths';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('when the environment is empty, then development defaults apply with data under ./data', () => {
    const config = loadConfig({});

    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(path.join(projectRoot, 'data'));
    expect(config.uploadsDir).toBe(path.join(projectRoot, 'uploads'));
    expect(config.mongodbUri).toBeUndefined();
    expect(config.allowBundledStoreInProduction).toBe(false);
    expect(config.meili.host).toBeUndefined();
    expect(config.publicRead).toBe(true);
    expect(config.trustProxy).toBe(false);
    expect(config.baseUrl).toBe('http://localhost:3000');
  });

  it('when the configuration is loaded, then it is frozen', () => {
    const config = loadConfig({});

    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.meili)).toBe(true);
  });

  it('when several variables are wrong, then every problem is reported by name', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      MONGODB_URI: 'postgres://x',
      MEILI_HOST: 'http://127.0.0.1:7700',
      PUBLIC_READ: 'maybe',
      NODE_ENV: 'staging',
    });

    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT /),
        expect.stringMatching(/^MONGODB_URI must start with mongodb:\/\//),
        expect.stringMatching(/^PUBLIC_READ must be one of/),
        expect.stringMatching(/^NODE_ENV /),
      ]),
    );
    expect(problems.length).toBeGreaterThanOrEqual(4);
  });

  it('when ALLOW_BUNDLED_STORE_IN_PRODUCTION is set, then it is read as a flag and a wrong value is named', () => {
    expect(loadConfig({ ALLOW_BUNDLED_STORE_IN_PRODUCTION: 'true' }).allowBundledStoreInProduction).toBe(true);
    expect(problemsOf({ ALLOW_BUNDLED_STORE_IN_PRODUCTION: 'please' })).toEqual([
      expect.stringMatching(/^ALLOW_BUNDLED_STORE_IN_PRODUCTION must be one of true\/false/),
    ]);
  });

  it('when MEILI_HOST is set without a key, then MEILI_MASTER_KEY is reported missing', () => {
    expect(problemsOf({ MEILI_HOST: 'http://127.0.0.1:7700' })).toContain(
      'MEILI_MASTER_KEY is required when MEILI_HOST is set',
    );
  });

  it('when production runs without a session secret, then start-up is refused', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toContain('SESSION_SECRET is required in production');
  });

  it('when values are given, then they are parsed into typed fields', () => {
    const config = loadConfig({
      PORT: '8080',
      PUBLIC_READ: 'false',
      TRUST_PROXY: '1',
      MONGODB_URI: 'mongodb://db:27017/decode',
      MEILI_HOST: 'http://search:7700',
      MEILI_MASTER_KEY: 'k'.repeat(24),
      MEILI_BIN: '/opt/meilisearch',
      DATA_DIR: '/var/lib/decode',
      BASE_URL: 'https://kb.example.org/',
    });

    expect(config.port).toBe(8080);
    expect(config.publicRead).toBe(false);
    expect(config.trustProxy).toBe(1);
    expect(config.mongodbUri).toBe('mongodb://db:27017/decode');
    expect(config.meili).toEqual({
      host: 'http://search:7700',
      masterKey: 'k'.repeat(24),
      bin: '/opt/meilisearch',
      indexPrefix: '',
    });
    expect(config.dataDir).toBe('/var/lib/decode');
    expect(config.baseUrl).toBe('https://kb.example.org');
  });

  it('when an optional variable is set but empty, then it counts as unset', () => {
    const config = loadConfig({ MONGODB_URI: '', MEILI_HOST: ' ' });

    expect(config.mongodbUri).toBeUndefined();
    expect(config.meili.host).toBeUndefined();
  });
});
