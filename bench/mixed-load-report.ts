import { cpuTable, heading, plainTable } from './bench-report';
import type { LatencySummary } from './bench-stats';
import type { MixedLoadReport } from './mixed-load';

const row = (name: string, s: LatencySummary) => [name, s.count, s.p50, s.p95, s.p99, s.max];

/** The mixed load phase's section of the bench's output. */
export function mixedLoadSection(mixed: MixedLoadReport): string {
  const r = mixed.requests;
  const lines = [
    heading('Mixed load: searches and saves at once (signed-in clients, sessions + CSRF, sync on its timer)'),
    `${mixed.clients} clients (${mixed.partners} partners, ${mixed.coordinators} coordinators), ${mixed.elapsedS} s, ` +
      `${r.total} requests (${mixed.throughputRps} req/s): ${r.searches} searches, ${r.saves} saves acknowledged ` +
      `(${mixed.savesStarted} started), ${r.conflicts} conflicts (409, then re-read and retried), ${r.rereads} re-reads, ` +
      `${mixed.errors} errors. Before it, the same clients searched only for ${mixed.floor.elapsedS} s ` +
      `(${mixed.floor.throughputRps} req/s): the floor.`,
    plainTable(
      ['', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      [
        row('GET /api/search, searches only (floor)', mixed.floor.searchMs),
        row('GET /api/search', mixed.latencyMs.search),
        row('PATCH /api/practices/:id (200)', mixed.latencyMs.save),
        row('PATCH answered 409', mixed.latencyMs.conflict),
        row('GET /api/practices/:id (re-read)', mixed.latencyMs.reread),
      ],
    ),
    `Read back: ${mixed.acknowledged} acknowledged saves on ${mixed.practicesEdited} practices checked in MongoDB ` +
      `(record and history) and in the search index after the sync drained (${mixed.drainS} s): ${mixed.lostSaves} lost.`,
    cpuTable('ms/req', [{ name: 'mixed request', cpu: mixed.cpuMsPerRequest }]),
  ];
  for (const e of mixed.errorSamples) lines.push(`  error: client ${e.client} ${e.what}: ${e.problem}`);
  for (const l of mixed.lostSamples)
    lines.push(`  lost: practice ${l.practiceId} revision ${l.revision}: ${l.problem}`);
  return lines.join('\n');
}
