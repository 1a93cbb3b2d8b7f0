import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { MAX_INDEXING_MEMORY } from '../../server/lib/embedded/meilisearch';

// No Docker engine runs where the tests run, so the deployment files are checked by their structure:
// these tests only read files and need none of the engines the global setup starts.

const repoRoot = path.resolve(__dirname, '..', '..');

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A YAML scalar as the text Compose reads (null and absent as empty). */
const scalar = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';

function asMapping(value: unknown, what: string): Mapping {
  if (!isMapping(value)) throw new Error(`${what} is not a mapping`);
  return value;
}

function readRepoFile(relative: string): string {
  return fs.readFileSync(path.join(repoRoot, relative), 'utf8');
}

function loadCompose(): Mapping {
  return asMapping(load(readRepoFile('docker-compose.yml')), 'docker-compose.yml');
}

function serviceOf(compose: Mapping, name: string): Mapping {
  return asMapping(asMapping(compose.services, 'services')[name], `service ${name}`);
}

/** Compose accepts both `KEY: value` mappings and `KEY=value` lists; both are reduced to one record. */
function environmentOf(service: Mapping): Record<string, string> {
  const env = service.environment;
  if (env === undefined) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const text = String(entry);
        const eq = text.indexOf('=');
        return eq < 0 ? [text, ''] : [text.slice(0, eq), text.slice(eq + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(asMapping(env, 'environment')).map(([k, v]) => [k, scalar(v)]));
}

type Mount = { source: string; target: string };

/** Short (`source:target[:mode]`) and long (`{ source, target }`) volume syntax alike. */
function mountsOf(service: Mapping): Mount[] {
  const volumes = service.volumes;
  if (!Array.isArray(volumes)) return [];
  return volumes.map((entry: unknown): Mount => {
    if (typeof entry === 'string') {
      const [source = '', target = ''] = entry.split(':');
      return { source, target };
    }
    const long = asMapping(entry, 'volume entry');
    return { source: scalar(long.source), target: scalar(long.target) };
  });
}

type ImageRef = { repository: string; tag: string | undefined; digest: string | undefined };

/** A registry host may carry a port (`host:5000/name`), so the tag is the colon after the last slash. */
function parseImage(ref: string): ImageRef {
  const [nameAndTag = '', digest] = ref.split('@');
  const lastSlash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.indexOf(':', lastSlash + 1);
  if (colon < 0) return { repository: nameAndTag, tag: undefined, digest };
  return { repository: nameAndTag.slice(0, colon), tag: nameAndTag.slice(colon + 1), digest };
}

/** Pinned means an exact release (major.minor.patch) or a content digest; never a floating tag. */
function isPinned(image: ImageRef): boolean {
  if (image.digest?.startsWith('sha256:')) return true;
  return image.tag !== undefined && image.tag !== 'latest' && /^v?\d+\.\d+\.\d+(?:[-.][\w.-]+)?$/.test(image.tag);
}

function healthcheckTestOf(service: Mapping): string[] {
  const healthcheck = asMapping(service.healthcheck, 'healthcheck');
  if (healthcheck.disable === true) return [];
  const test = healthcheck.test;
  if (typeof test === 'string') return ['CMD-SHELL', test];
  return Array.isArray(test) ? test.map(String) : [];
}

function envFilesOf(service: Mapping): string[] {
  const envFile = service.env_file;
  const entries: unknown[] = Array.isArray(envFile) ? envFile : envFile === undefined ? [] : [envFile];
  return entries.map((entry) => (isMapping(entry) ? String(entry.path) : String(entry)));
}

type Instruction = { keyword: string; args: string };
type Stage = { image: string; alias: string | undefined; instructions: Instruction[] };

/** Joins continuation lines and drops comments, as the Dockerfile frontend does, then splits at each FROM. */
function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = pending + line;
    pending = '';
    const match = /^(\S+)\s*(.*)$/.exec(full);
    if (match) instructions.push({ keyword: (match[1] ?? '').toUpperCase(), args: match[2] ?? '' });
  }
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const asIndex = words.findIndex((w) => w.toUpperCase() === 'AS');
      stages.push({ image: words[0] ?? '', alias: asIndex >= 0 ? words[asIndex + 1] : undefined, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

function loadDockerfile(): Stage[] {
  return parseDockerfile(readRepoFile('Dockerfile'));
}

function runtimeStageOf(stages: Stage[]): Stage {
  const last = stages.at(-1);
  if (!last) throw new Error('Dockerfile has no FROM');
  return last;
}

function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

type Copy = { from: string | undefined; sources: string[]; destination: string };

function copiesOf(stage: Stage): Copy[] {
  return argsOf(stage, 'COPY').map((args) => {
    const words = args.split(/\s+/);
    const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
    const paths = words.filter((w) => !w.startsWith('--'));
    return { from, sources: paths.slice(0, -1), destination: paths.at(-1) ?? '' };
  });
}

/** `ENV A=1 B=2` and the legacy `ENV A 1` form. */
function envOfStage(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const args of argsOf(stage, 'ENV')) {
    if (!args.includes('=')) {
      const [key = '', ...rest] = args.split(/\s+/);
      env[key] = rest.join(' ');
      continue;
    }
    for (const pair of args.split(/\s+/)) {
      const eq = pair.indexOf('=');
      if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1).replace(/^"(.*)"$/, '$1');
    }
  }
  return env;
}

const SERVICES = ['proxy', 'app', 'mongodb', 'meilisearch'] as const;

describe('docker-compose.yml', () => {
  it('when the compose file is read, then it defines the proxy, app, mongodb and meilisearch services', () => {
    const services = asMapping(loadCompose().services, 'services');

    expect(Object.keys(services).sort()).toEqual([...SERVICES].sort());
  });

  it('when an image is pulled from a registry, then its tag is an exact release, never latest or missing', () => {
    const compose = loadCompose();
    const pulled = SERVICES.map((name) => serviceOf(compose, name)).filter((service) => service.build === undefined);

    expect(pulled).toHaveLength(3);
    for (const service of pulled) {
      const image = parseImage(String(service.image));
      expect({ image: service.image, pinned: isPinned(image) }).toEqual({ image: service.image, pinned: true });
    }
  });

  it('when the app image is built locally, then compose builds it from this directory under its own name', () => {
    const app = serviceOf(loadCompose(), 'app');

    expect(app.build).toBe('.');
    expect(parseImage(String(app.image)).repository).toBe('decode-kb');
  });

  it('when Meilisearch is pulled, then it is exactly v1.21.0, the only version whose database the app keeps', () => {
    const meili = serviceOf(loadCompose(), 'meilisearch');

    expect(meili.image).toBe('getmeili/meilisearch:v1.21.0');
  });

  it('when MongoDB is pulled, then it is the official mongo image on major version 7 or 8', () => {
    const image = parseImage(String(serviceOf(loadCompose(), 'mongodb').image));

    expect(['mongo', 'library/mongo', 'docker.io/library/mongo']).toContain(image.repository);
    expect(image.tag).toMatch(/^[78]\.\d+\.\d+$/);
  });

  it('when data is written, then both databases and the uploads live on named volumes at their data paths', () => {
    const compose = loadCompose();
    const declared = Object.keys(asMapping(compose.volumes, 'volumes'));
    const app = serviceOf(compose, 'app');
    const meili = serviceOf(compose, 'meilisearch');

    expect(declared).toEqual(expect.arrayContaining(['mongodb-data', 'meili-data', 'uploads']));
    expect(mountsOf(serviceOf(compose, 'mongodb'))).toContainEqual({ source: 'mongodb-data', target: '/data/db' });
    expect(mountsOf(meili)).toContainEqual({ source: 'meili-data', target: '/meili_data' });
    expect(environmentOf(meili).MEILI_DB_PATH).toMatch(/^\/meili_data\//);
    expect(mountsOf(app)).toContainEqual({ source: 'uploads', target: '/app/uploads' });
    expect(environmentOf(app).UPLOADS_DIR).toBe('/app/uploads');
  });

  it('when compose supervises the services, then each one has an enabled healthcheck', () => {
    const compose = loadCompose();

    for (const name of SERVICES) {
      const test = healthcheckTestOf(serviceOf(compose, name));
      expect({ name, kind: test[0] }).toEqual({ name, kind: expect.stringMatching(/^CMD(-SHELL)?$/) });
      expect(test.length).toBeGreaterThan(1);
    }
    expect(healthcheckTestOf(serviceOf(compose, 'app')).join(' ')).toContain('/healthz');
    expect(healthcheckTestOf(serviceOf(compose, 'meilisearch')).join(' ')).toContain('7700/health');
    expect(healthcheckTestOf(serviceOf(compose, 'mongodb')).join(' ')).toContain('ping');
    expect(healthcheckTestOf(serviceOf(compose, 'proxy')).join(' ')).toContain('127.0.0.1:2019');
  });

  it('when the app starts, then it waits for both databases to be healthy', () => {
    const dependsOn = asMapping(serviceOf(loadCompose(), 'app').depends_on, 'depends_on');

    expect(asMapping(dependsOn.mongodb, 'depends_on.mongodb').condition).toBe('service_healthy');
    expect(asMapping(dependsOn.meilisearch, 'depends_on.meilisearch').condition).toBe('service_healthy');
  });

  it('when the app connects, then MONGODB_URI and MEILI_HOST name the compose services', () => {
    const env = environmentOf(serviceOf(loadCompose(), 'app'));
    const mongoUrl = new URL(env.MONGODB_URI ?? '');
    const meiliUrl = new URL(env.MEILI_HOST ?? '');

    expect(mongoUrl.protocol).toBe('mongodb:');
    expect(mongoUrl.hostname).toBe('mongodb');
    expect(mongoUrl.pathname.length).toBeGreaterThan(1);
    expect(meiliUrl.protocol).toBe('http:');
    expect(meiliUrl.hostname).toBe('meilisearch');
    expect(meiliUrl.port).toBe('7700');
  });

  it('when the app runs in the container, then it is in production mode, listens on every interface at 3000 and is not published', () => {
    const app = serviceOf(loadCompose(), 'app');
    const env = environmentOf(app);

    expect(env).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', PORT: '3000' });
    expect(app.ports).toBeUndefined();
  });

  it('when secrets are needed, then they are interpolated from .env and compose refuses to start without them', () => {
    const compose = loadCompose();
    const app = serviceOf(compose, 'app');
    const appEnv = environmentOf(app);
    const meiliEnv = environmentOf(serviceOf(compose, 'meilisearch'));

    expect(envFilesOf(app)).toContain('.env');
    expect(appEnv.SESSION_SECRET).toMatch(/^\$\{SESSION_SECRET:\?[^}]+\}$/);
    expect(appEnv.MEILI_MASTER_KEY).toMatch(/^\$\{MEILI_MASTER_KEY:\?[^}]+\}$/);
    // Both sides of the Meilisearch connection must read the same variable, or the app's key is rejected.
    expect(meiliEnv.MEILI_MASTER_KEY).toBe(appEnv.MEILI_MASTER_KEY);
    expect(meiliEnv.MEILI_ENV).toBe('production');
  });

  it('when Meilisearch indexes, then it has the same indexing memory budget as the embedded engine the benchmark measures', () => {
    const meiliEnv = environmentOf(serviceOf(loadCompose(), 'meilisearch'));

    expect(meiliEnv.MEILI_MAX_INDEXING_MEMORY).toBe(MAX_INDEXING_MEMORY);
  });

  it('when the databases run, then neither publishes a port to the host', () => {
    const compose = loadCompose();

    expect(serviceOf(compose, 'mongodb').ports).toBeUndefined();
    expect(serviceOf(compose, 'meilisearch').ports).toBeUndefined();
  });
});

describe('docker-compose.yml: the TLS proxy', () => {
  const caddyfile = () =>
    readRepoFile('Caddyfile')
      .split(/\r?\n/)
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter((line) => line !== '')
      .join('\n');

  it('when the proxy is pulled, then it is the official Caddy image at an exact release', () => {
    const image = parseImage(String(serviceOf(loadCompose(), 'proxy').image));

    expect(['caddy', 'library/caddy', 'docker.io/library/caddy']).toContain(image.repository);
    expect(image.tag).toMatch(/^2\.\d+\.\d+(-alpine)?$/);
  });

  it('when people connect, then only the proxy publishes ports, 80 (redirect) and 443 (https, also over QUIC)', () => {
    const compose = loadCompose();
    const published = SERVICES.filter((name) => serviceOf(compose, name).ports !== undefined);

    expect(published).toEqual(['proxy']);
    expect((serviceOf(compose, 'proxy').ports as unknown[]).map(String).sort()).toEqual([
      '443:443',
      '443:443/udp',
      '80:80',
    ]);
  });

  it('when the proxy starts, then it reads the repository Caddyfile and keeps certificates on named volumes', () => {
    const compose = loadCompose();
    const proxy = serviceOf(compose, 'proxy');

    expect(mountsOf(proxy)).toEqual(
      expect.arrayContaining([
        { source: './Caddyfile', target: '/etc/caddy/Caddyfile' },
        { source: 'caddy-data', target: '/data' },
        { source: 'caddy-config', target: '/config' },
      ]),
    );
    expect(Object.keys(asMapping(compose.volumes, 'volumes'))).toEqual(
      expect.arrayContaining(['caddy-data', 'caddy-config']),
    );
    expect(asMapping(asMapping(proxy.depends_on, 'depends_on').app, 'depends_on.app').condition).toBe(
      'service_healthy',
    );
  });

  it('when no SITE_ADDRESS is set, then the site is https://localhost; with one, the proxy and the links use it', () => {
    const compose = loadCompose();

    expect(environmentOf(serviceOf(compose, 'proxy')).SITE_ADDRESS).toBe('${SITE_ADDRESS:-localhost}');
    expect(environmentOf(serviceOf(compose, 'app')).BASE_URL).toBe('https://${SITE_ADDRESS:-localhost}');
    // Caddy's own default, for a Caddyfile run without compose: localhost, which its local CA certifies.
    expect(caddyfile()).toMatch(/^\{\$SITE_ADDRESS:localhost\} \{$/m);
  });

  it('when a request passes the proxy, then it goes to the app service with HSTS on, and the app trusts that one hop', () => {
    const text = caddyfile();

    expect(text).toMatch(/^reverse_proxy app:3000$/m);
    expect(text).toMatch(/^header Strict-Transport-Security "max-age=(\d+)[^"]*"$/m);
    expect(Number(/max-age=(\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(31536000);
    // Automatic https (with its http-to-https redirect) must stay on.
    expect(text).not.toMatch(/auto_https\s+off|^http:\/\//m);
    expect(environmentOf(serviceOf(loadCompose(), 'app')).TRUST_PROXY).toBe('1');
  });
});

describe('Dockerfile', () => {
  it('when the image is built, then it has a build stage and a separate runtime stage on pinned bases', () => {
    const stages = loadDockerfile();

    expect(stages.length).toBeGreaterThanOrEqual(2);
    const aliases = new Set(stages.map((s) => s.alias).filter((a): a is string => a !== undefined));
    for (const stage of stages.filter((s) => !aliases.has(s.image))) {
      expect({ image: stage.image, pinned: isPinned(parseImage(stage.image)) }).toEqual({
        image: stage.image,
        pinned: true,
      });
    }
    // node_modules is installed in the build stage and run in the runtime one: same Node ABI and glibc.
    expect(new Set(stages.map((s) => s.image)).size).toBe(1);
  });

  it('when the build stage runs, then it installs from the lockfile, compiles TypeScript and drops dev and optional packages', () => {
    const build = loadDockerfile()[0];
    if (!build) throw new Error('Dockerfile has no stages');
    const runs = argsOf(build, 'RUN').join('\n');

    expect(runs).toMatch(/\bnpm ci\b/);
    expect(runs).toMatch(/\bnpm run build\b/);
    expect(runs).toMatch(/\bnpm prune\b[^\n]*--omit=dev/);
    // The optional embedded Meilisearch binary must not ship: compose runs Meilisearch as its own service.
    expect(runs).toMatch(/--omit=optional/);
  });

  it('when the container runs, then the runtime stage uses a non-root user with production settings', () => {
    const runtime = runtimeStageOf(loadDockerfile());
    const user = argsOf(runtime, 'USER').at(-1);

    expect(user).toBeDefined();
    expect(user?.split(':')[0]).not.toMatch(/^(root|0)$/);
    expect(envOfStage(runtime)).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', PORT: '3000' });
    expect(argsOf(runtime, 'EXPOSE').join(' ').split(/\s+/)).toContain('3000');
  });

  it('when Docker probes the container, then the runtime HEALTHCHECK fetches /healthz with node', () => {
    const healthchecks = argsOf(runtimeStageOf(loadDockerfile()), 'HEALTHCHECK');
    // Exec form must be valid JSON: otherwise Docker silently runs it through /bin/sh instead.
    const execForm = /\bCMD\s+(\[.*\])\s*$/.exec(healthchecks[0] ?? '')?.[1] ?? '';
    const [command, ...args] = JSON.parse(execForm) as string[];

    expect(healthchecks).toHaveLength(1);
    expect(command).toBe('node');
    expect(args.join(' ')).toContain('fetch(');
    expect(args.join(' ')).toContain('/healthz');
  });

  it('when the container starts, then CMD runs the compiled server with node in exec form', () => {
    const cmd = argsOf(runtimeStageOf(loadDockerfile()), 'CMD').at(-1) ?? '';

    expect(JSON.parse(cmd)).toEqual(['node', 'dist/server/main.js']);
  });

  it('when the runtime stage is assembled, then it takes dependencies and dist from the build stage', () => {
    const stages = loadDockerfile();
    const buildAlias = stages[0]?.alias;
    const fromBuild = copiesOf(runtimeStageOf(stages))
      .filter((c) => c.from !== undefined)
      .map((c) => ({ from: c.from, sources: c.sources }));

    expect(buildAlias).toBeDefined();
    expect(fromBuild).toContainEqual({ from: buildAlias, sources: ['/app/node_modules'] });
    expect(fromBuild).toContainEqual({ from: buildAlias, sources: ['/app/dist'] });
  });

  it('when files are copied from the build context, then every source exists in the repository', () => {
    const stages = loadDockerfile();
    const contextSources = stages.flatMap((s) =>
      copiesOf(s)
        .filter((c) => c.from === undefined)
        .flatMap((c) => c.sources),
    );
    const runtimeSources = copiesOf(runtimeStageOf(stages)).flatMap((c) => c.sources);

    // These are read at run time relative to the project root, so the runtime stage must carry each of them.
    expect(runtimeSources).toEqual(
      expect.arrayContaining(['views', 'public', 'server/locales', 'package.json', 'package-lock.json']),
    );
    for (const source of contextSources.filter((s) => s !== '.')) {
      expect({ source, exists: fs.existsSync(path.join(repoRoot, source)) }).toEqual({ source, exists: true });
    }
  });

  it('when the runtime stage prepares writable paths, then uploads and data are created for the node user', () => {
    const runtime = runtimeStageOf(loadDockerfile());
    const runs = argsOf(runtime, 'RUN').join('\n');

    expect(runs).toMatch(/mkdir -p[^\n]*\/app\/uploads/);
    expect(runs).toMatch(/mkdir -p[^\n]*\/app\/data/);
    expect(runs).toMatch(/chown node:node[^\n]*\/app\/uploads[^\n]*\/app\/data/);
    expect(argsOf(runtime, 'USER').at(-1)).toBe('node');
  });
});

describe('.dockerignore', () => {
  it('when the build context is sent, then host dependencies, build output, data and secrets stay out', () => {
    const patterns = readRepoFile('.dockerignore')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));

    expect(patterns).toEqual(
      expect.arrayContaining([
        'node_modules',
        'dist',
        'data',
        'uploads/*',
        '.git',
        'coverage',
        'test-results',
        '.env',
        '*.log',
      ]),
    );
  });
});
