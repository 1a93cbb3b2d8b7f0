/** Command-line options of `npm run bench`. */
export type BenchOptions = {
  /** Published practices in the generated corpus. */
  size: number;
  /** Upper bound, in seconds, of the search load test (it also stops after `requests`). */
  durationS: number;
  /** Upper bound on the number of search requests. */
  requests: number;
  /** Requests in flight at once during load tests. */
  concurrency: number;
  /** Save-to-searchable probes (publish one practice, wait until search finds it). */
  probes: number;
  /** Signed-in clients of the mixed load phase (searches and saves at once). */
  mixedClients: number;
  /** Length in seconds of the mixed load phase. */
  mixedDurationS: number;
  /** Only report: exit 0 even when a target is missed. */
  noFail: boolean;
};

export const DEFAULTS: BenchOptions = {
  size: 10_000,
  durationS: 60,
  requests: 2000,
  concurrency: 32,
  probes: 20,
  mixedClients: 32,
  mixedDurationS: 60,
  noFail: false,
};

export const USAGE = `Usage: npm run bench -- [options]

  --size N          published practices in the generated corpus (default ${DEFAULTS.size})
  --duration S      upper bound in seconds of the search load test (default ${DEFAULTS.durationS})
  --requests N      upper bound on search requests (default ${DEFAULTS.requests})
  --concurrency N   requests in flight during load tests (default ${DEFAULTS.concurrency})
  --probes N        save-to-searchable probes (default ${DEFAULTS.probes})
  --mixed-clients N   signed-in clients searching and saving at once (default ${DEFAULTS.mixedClients})
  --mixed-duration S  length in seconds of the mixed search/save load (default ${DEFAULTS.mixedDurationS})
  --no-fail         report only: exit 0 even when a target is missed
  --help            this text

MongoDB: MONGODB_URI when set (a fresh database is created in it and dropped afterwards), else a real
mongod when mongodb-memory-server finds a binary, else the bundled store (in memory).`;

export class UsageError extends Error {}

type NumericOption = 'size' | 'durationS' | 'requests' | 'concurrency' | 'probes' | 'mixedClients' | 'mixedDurationS';

const LIMITS: Record<NumericOption, [number, number]> = {
  size: [10, 200_000],
  durationS: [1, 3600],
  requests: [1, 1_000_000],
  concurrency: [1, 256],
  probes: [1, 500],
  mixedClients: [1, 256],
  mixedDurationS: [1, 3600],
};

const FLAGS: Record<string, keyof typeof LIMITS> = {
  '--size': 'size',
  '--duration': 'durationS',
  '--requests': 'requests',
  '--concurrency': 'concurrency',
  '--probes': 'probes',
  '--mixed-clients': 'mixedClients',
  '--mixed-duration': 'mixedDurationS',
};

export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const options: BenchOptions = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--no-fail') {
      options.noFail = true;
      continue;
    }
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const key = FLAGS[flag];
    if (!key) throw new UsageError(`Unknown option ${arg}`);
    const raw = inline ?? argv[++i];
    const value = Number(raw);
    const [min, max] = LIMITS[key];
    if (raw === undefined || !Number.isInteger(value) || value < min || value > max) {
      throw new UsageError(`${flag} needs a whole number from ${min} to ${max}`);
    }
    options[key] = value;
  }
  return options;
}
