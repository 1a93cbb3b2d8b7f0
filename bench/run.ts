// npm run bench — search latency, indexing throughput, page renders and memory, against real engines.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { parseOptions, USAGE, UsageError, type BenchOptions } from './bench-options';
import { cpuTable, heading, labelTable, loadTable, plainTable, targetsTable, writeResults } from './bench-report';
import { evaluateTargets, floorRatio, runBenchmarks, type BenchResults } from './bench-phases';
import { startBenchContext, type BenchContext } from './bench-engines';
import { mixedLoadSection } from './mixed-load-report';

/**
 * Heap figures need `global.gc`. tsx gives no way to pass a V8 flag on its command line through npm,
 * so the script starts itself again once with `--expose-gc` appended to NODE_OPTIONS (which Node
 * accepts there) and hands the exit code back.
 */
function relaunchWithGc(): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim(),
      DECODE_BENCH_RELAUNCHED: '1',
    },
  });
  // Ctrl-C reaches the child through the terminal's process group; this process just waits for it.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

function printReport(results: BenchResults, options: BenchOptions): void {
  const { search, pages, indexing, memory, reconcile, floor, serial } = results;
  console.log(heading('Search against the floor'));
  console.log(
    `The floor: the same ${floor.documents} documents in a plain index (default settings), asked with q only, one at a time.`,
  );
  const searchPage = pages[0];
  const ratioRows: [string, { p50: number; p95: number }, number | string][] = [
    ['floor: plain index, q only (1 in flight)', floor.floor, 1],
    [
      "the app's Meilisearch requests as sent (1 in flight)",
      floor.appRequests,
      floorRatio(floor.appRequests.p50, floor),
    ],
    ['GET /api/search (1 in flight)', serial.api.latencyMs, floorRatio(serial.api.latencyMs.p50, floor)],
    ['GET /search (1 in flight)', serial.page.latencyMs, floorRatio(serial.page.latencyMs.p50, floor)],
    [`GET /api/search (${search.concurrency} in flight)`, search.latencyMs, floorRatio(search.latencyMs.p50, floor)],
    ...(searchPage
      ? [
          [
            `GET /search (${searchPage.report.concurrency} in flight)`,
            searchPage.report.latencyMs,
            floorRatio(searchPage.report.latencyMs.p50, floor),
          ] as [string, { p50: number; p95: number }, number],
        ]
      : []),
  ];
  console.log(
    plainTable(
      ['', 'p50 ms', 'p95 ms', '× floor (p50)'],
      ratioRows.map(([name, s, ratio]) => [name, s.p50, s.p95, ratio]),
    ),
  );

  console.log(heading('Search API: GET /api/search'));
  console.log(
    `${search.requests} requests, ${options.concurrency} in flight, ${search.elapsedS} s, over ${results.corpus.practices} published practices`,
  );
  console.log(loadTable([{ name: 'all queries', report: search }]));
  console.log();
  console.log(labelTable(search));
  for (const e of search.errorSamples) console.log(`  error: ${e.label} ${e.path}: ${e.problem}`);

  console.log(heading('Pages (HTML)'));
  console.log(
    loadTable(
      pages.flatMap((p) => [
        { name: `${p.name}, 1 in flight`, report: p.serial },
        { name: `${p.name}, ${p.report.concurrency} in flight`, report: p.report },
      ]),
    ),
  );
  for (const p of pages)
    for (const e of [...p.serial.errorSamples, ...p.report.errorSamples])
      console.log(`  error: ${e.path}: ${e.problem}`);

  console.log('\nCPU per request (bench = app + load client in one process; engines from /proc):');
  console.log(
    cpuTable('ms/req', [
      { name: 'GET /api/search', cpu: search.cpuMsPerRequest },
      ...pages.map((p) => ({ name: p.name, cpu: p.serial.cpuMsPerRequest })),
    ]),
  );

  console.log(heading('Indexing'));
  console.log(
    plainTable(
      ['', 'practices', 'seconds', 'practices/s'],
      [
        [
          'corpus load (seedPractice, 4 in parallel)',
          results.corpus.practices,
          results.corpus.seconds,
          results.corpus.perSecond,
        ],
        ['sync drain from pending', indexing.drain.practices, indexing.drain.seconds, indexing.drain.perSecond],
        [
          'reindex (build + swap + replay)',
          indexing.reindex.practices,
          indexing.reindex.seconds,
          indexing.reindex.perSecond,
        ],
        ['reconcile (compare + repair)', reconcile.checked, reconcile.seconds, reconcile.perSecond],
      ],
    ),
  );
  console.log('\nCPU per practice:');
  console.log(
    cpuTable('ms', [
      { name: 'corpus load', cpu: results.corpus.cpuMsPerPractice },
      { name: 'sync drain', cpu: indexing.drain.cpuMsPerPractice },
      { name: 'reindex', cpu: indexing.reindex.cpuMsPerPractice },
    ]),
  );
  const idle = indexing.idleSyncPass;
  const idleCpu = Object.entries(idle.cpuMsPerPass)
    .map(([name, ms]) => `${name} ${ms}`)
    .join(', ');
  console.log(
    `\nIdle sync pass (nothing pending; the server runs one every second): p50 ${idle.p50} ms, max ${idle.max} ms; CPU ms per pass: ${idleCpu}`,
  );
  const s2s = indexing.saveToSearchable;
  console.log(
    `\nSave-to-searchable (sync on its 250 ms timer), ${s2s.probes} probes, ${s2s.timeouts} not found within 15 s:\n` +
      plainTable(
        ['', 'n', 'p50 ms', 'p95 ms', 'max ms'],
        [
          [
            'publish call → listed by /api/search',
            s2s.saveToSearchableMs.count,
            s2s.saveToSearchableMs.p50,
            s2s.saveToSearchableMs.p95,
            s2s.saveToSearchableMs.max,
          ],
          ['publish call alone', s2s.publishMs.count, s2s.publishMs.p50, s2s.publishMs.p95, s2s.publishMs.max],
        ],
      ),
  );

  console.log(mixedLoadSection(results.mixed));

  console.log(heading('Memory (bench process: app + driver; after a full gc)'));
  const otherLabel = results.engines.mongoKind === 'wire-test-server' ? 'wire server RSS MB' : 'mongod RSS MB';
  console.log(
    plainTable(
      ['', 'RSS MB', 'heap used MB', 'heap total MB', 'external MB', otherLabel],
      memory.map((m) => [m.label, m.rssMb, m.heapUsedMb, m.heapTotalMb, m.externalMb, m.otherProcessRssMb ?? '-']),
    ),
  );
  console.log(
    `\nReconcile of ${reconcile.checked} practices: heap baseline ${reconcile.baselineHeapMb} MB, ` +
      `peak growth ${reconcile.peakGrowthMb} MB, retained after gc ${reconcile.retainedGrowthMb} MB ` +
      `(requeued ${reconcile.requeued}, removed ${reconcile.removed}).`,
  );

  console.log(heading('Targets'));
  console.log(targetsTable(results.targets));
}

async function main(): Promise<number> {
  const parsed = parseOptions(process.argv.slice(2));
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
    if (process.env.DECODE_BENCH_RELAUNCHED)
      throw new Error('global.gc is still missing after relaunching with --expose-gc');
    return relaunchWithGc();
  }
  const options = parsed;
  const startedAt = new Date();
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAvgAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
  console.log(
    `DeCoDe benchmark — ${startedAt.toISOString()} — ${machine.cpus} × ${machine.cpuModel}, ${machine.totalMemGb} GiB, Node ${machine.node}`,
  );
  console.log(
    `Options: size ${options.size}, duration ≤ ${options.durationS} s, requests ≤ ${options.requests}, concurrency ${options.concurrency}, probes ${options.probes}, mixed ${options.mixedClients} clients × ${options.mixedDurationS} s${options.noFail ? ', --no-fail' : ''}`,
  );
  console.log(
    `Load average at start: ${machine.loadAvgAtStart.join(' ')} (other work on the machine skews every figure)`,
  );
  console.log('global.gc: exposed through NODE_OPTIONS=--expose-gc (the script relaunches itself once with it)');

  let ctx: BenchContext | undefined;
  const cleanup = async () => {
    const closing = ctx;
    ctx = undefined;
    await closing?.close();
  };
  const interrupted = async () => {
    console.error('\nInterrupted: stopping the engines…');
    await cleanup();
    process.exit(130);
  };
  process.once('SIGINT', () => void interrupted());
  process.once('SIGTERM', () => void interrupted());
  // Every phase is bounded on its own; this catches anything that still hangs.
  // Loading and indexing grow with the corpus: a large one on a busy machine gets more time.
  const watchdogMs = (20 * 60 + options.durationS + options.mixedDurationS + Math.ceil(options.size / 10)) * 1000;
  const watchdog = setTimeout(() => {
    console.error(`The benchmark ran longer than ${watchdogMs / 1000} s: giving up.`);
    void cleanup().finally(() => process.exit(3));
  }, watchdogMs);
  watchdog.unref();

  try {
    ctx = await startBenchContext();
    console.log(`MongoDB: ${ctx.mongo.description}`);
    console.log(
      `Meilisearch ${ctx.meiliVersion}: embedded, real binary, temp dir; app on ${ctx.baseUrl} (NODE_ENV=production)`,
    );
    const measured = await runBenchmarks(ctx, options, (line) => console.log(`… ${line}`));
    const results: BenchResults = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: { ...machine, loadAvgAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
      options,
      engines: {
        mongo: ctx.mongo.description,
        mongoKind: ctx.mongo.kind,
        meilisearch: ctx.meiliVersion,
        nodeEnv: 'production',
      },
      ...measured,
      targets: [],
      passed: false,
    };
    results.targets = evaluateTargets(results);
    results.passed = results.targets.every((t) => t.pass);
    printReport(results, options);
    const file = writeResults(results, startedAt);
    console.log(`\nResults written to ${file}`);
    if (results.passed) {
      console.log('All targets met.');
      return 0;
    }
    console.log(options.noFail ? 'Some targets missed (--no-fail: exit 0).' : 'Some targets missed.');
    return options.noFail ? 0 : 1;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof UsageError ? `${err.message}\n\n${USAGE}` : err);
    process.exit(2);
  },
);
