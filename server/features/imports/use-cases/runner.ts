import { ValidationError, type FieldErrors } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import type { AuditService } from '../../audit';
import type { User } from '../../users';
import type { ImportJobDoc, ImportRowDoc, RowError } from '../persistence/import-model';
import type { ImportStore } from '../persistence/import-store';
import type { ImportsDeps } from './ports';

const BATCH = 100;

export const importKeyPrefix = (jobId: string) => `import:${jobId}:`;

/** Field messages as stored: a list, in the order the service gave them. */
export const toRowErrors = (fields: FieldErrors): RowError[] => Object.entries(fields).map(([field, messages]) => ({ field, messages }));

function mergeErrors(a: RowError[], b: RowError[]): RowError[] {
  const out = new Map<string, string[]>();
  for (const { field, messages } of [...a, ...b]) out.set(field, [...(out.get(field) ?? []), ...messages]);
  return [...out].map(([field, messages]) => ({ field, messages }));
}

/** The row's API body without the cells that could not be read (those already carry their message). */
function inputOf(row: ImportRowDoc): unknown {
  const input = JSON.parse(row.input) as unknown;
  if (!input || typeof input !== 'object' || row.problems.length === 0) return input;
  const unreadable = new Set(row.problems.map((p) => p.field.split('.')[0]));
  return Object.fromEntries(Object.entries(input).filter(([key]) => !unreadable.has(key)));
}

/**
 * The background worker of the server process: takes a job (under a lease), does its phase batch by
 * batch, recording progress after each batch, and moves it on. Every row goes through the practices
 * service: the dry run through its check, the import through its write path. A job left half-done by a
 * stopped process is picked up again when its lease runs out; writing a row twice is a no-op (import keys).
 */
export function createImportRunner(store: ImportStore, deps: ImportsDeps & { audit: AuditService; logger: Logger }) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopping = false;

  async function importer(job: ImportJobDoc): Promise<User | undefined> {
    const user = await deps.users.findById(job.createdBy.toHexString());
    return user?.active ? user : undefined;
  }

  async function check(job: ImportJobDoc, caller: User): Promise<void> {
    let after = 0;
    let processed = job.counts.processed;
    for (;;) {
      if (stopping) return;
      const rows = await store.rowsIn(job._id, 'pending', after, BATCH);
      if (rows.length === 0) break;
      for (const row of rows) {
        after = row.number;
        const input = inputOf(row);
        if (input === null) {
          await store.updateRow(row._id, { state: 'refused' });
          continue;
        }
        const result = await deps.practices.checkImport(caller, input, { publish: job.publish });
        const fromFile = row.problems;
        if (result.ok && fromFile.length === 0) {
          await store.updateRow(row._id, { state: 'accepted', title: result.title, city: result.city, cityName: result.cityName });
        } else {
          await store.updateRow(row._id, { state: 'refused', problems: mergeErrors(fromFile, result.ok ? [] : toRowErrors(result.errors)) });
        }
      }
      processed += rows.length;
      await store.updateJob(job._id, { 'counts.processed': processed });
    }
    const counts = await store.countRows(job._id);
    await store.updateJob(job._id, { status: 'validated', 'counts.accepted': counts.accepted, 'counts.refused': counts.refused, 'counts.processed': 0 }, { release: true });
  }

  async function finish(job: ImportJobDoc, caller: User, status: 'imported' | 'rolled_back'): Promise<void> {
    const counts = await store.countRows(job._id);
    const done = await store.updateJob(
      job._id,
      { status, finishedAt: new Date(), 'counts.written': counts.written, 'counts.failed': counts.failed, 'counts.undone': counts.undone },
      { release: true },
    );
    await deps.audit.record({
      action: 'practices.imported',
      actor: { id: caller.id, email: caller.email },
      target: { type: 'import', id: job._id.toHexString(), label: job.fileName },
      details: {
        outcome: status,
        mode: job.mode,
        publish: job.publish,
        format: job.format,
        rows: done?.counts.total ?? job.counts.total,
        accepted: done?.counts.accepted,
        refused: done?.counts.refused,
        written: counts.written,
        failed: counts.failed,
        undone: counts.undone,
      },
    });
  }

  async function rollBack(job: ImportJobDoc, caller: User): Promise<void> {
    await store.updateJob(job._id, { status: 'rolling_back' });
    await deps.practices.undoImport(caller, importKeyPrefix(job._id.toHexString()));
    await store.setRowsState(job._id, 'written', 'undone');
    await finish(job, caller, 'rolled_back');
  }

  async function write(job: ImportJobDoc, caller: User): Promise<void> {
    const allOrNothing = job.mode === 'all-or-nothing';
    let after = 0;
    let processed = job.counts.processed;
    let writtenSoFar = job.counts.written;
    for (;;) {
      if (stopping) return;
      const rows = await store.rowsIn(job._id, 'accepted', after, BATCH);
      if (rows.length === 0) break;
      for (const row of rows) {
        after = row.number;
        try {
          const written = await deps.practices.importPractice(caller, inputOf(row), {
            publish: job.publish,
            importKey: `${importKeyPrefix(job._id.toHexString())}${row.number}`,
          });
          await store.updateRow(row._id, { state: 'written', practiceId: written.id });
          writtenSoFar += 1;
        } catch (err) {
          // Refused now though accepted in the dry run (a term retired, an event removed), or the write failed.
          const problems = err instanceof ValidationError ? toRowErrors(err.fields) : [{ field: '_row', messages: ['imports.error.write_failed'] }];
          if (!(err instanceof ValidationError)) deps.logger.error({ err, importId: job._id.toHexString(), row: row.number }, 'import row could not be written');
          await store.updateRow(row._id, { state: 'failed', problems });
          if (allOrNothing) return rollBack(job, caller);
        }
      }
      processed += rows.length;
      await store.updateJob(job._id, { 'counts.processed': processed, 'counts.written': writtenSoFar });
    }
    await finish(job, caller, 'imported');
  }

  async function run(job: ImportJobDoc): Promise<void> {
    const caller = await importer(job);
    if (!caller) {
      await store.updateJob(job._id, { status: 'failed', problem: 'imports.error.importer_gone', finishedAt: new Date() }, { release: true });
      return;
    }
    if (job.status === 'validating') return check(job, caller);
    if (job.status === 'importing') return write(job, caller);
    return rollBack(job, caller);
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      again = false;
      const job = await store.claimJob();
      if (!job) return;
      try {
        await run(job);
        // Stopped mid-job: the next process may take it at once rather than wait for the lease.
        if (stopping) await store.releaseJob(job._id);
      } catch (err) {
        deps.logger.error({ err, importId: job._id.toHexString() }, 'import job failed');
        // All-or-nothing writes left half done are taken back on the next pass rather than left as they are.
        const next = job.mode === 'all-or-nothing' && job.status === 'importing' ? 'rolling_back' : 'failed';
        await store
          .updateJob(job._id, { status: next, problem: 'imports.error.internal', ...(next === 'failed' ? { finishedAt: new Date() } : {}) }, { release: true })
          .catch((e: unknown) => deps.logger.error({ err: e }, 'import job could not be marked failed'));
      }
    }
  }

  function kick(): void {
    if (stopping) return;
    if (running) {
      again = true;
      return;
    }
    running = loop()
      .catch((err: unknown) => deps.logger.error({ err }, 'import worker stopped'))
      .finally(() => {
        running = undefined;
        if (again) kick();
      });
  }

  return {
    /** Looks for work now (after an upload or a start, and when the server starts). */
    kick,
    /** Resolves when the worker has nothing in hand. */
    async idle(): Promise<void> {
      while (running) await running;
    },
    /** Finishes the batch in hand and stops; a job left unfinished resumes in the next process. */
    async stop(): Promise<void> {
      stopping = true;
      while (running) await running;
    },
  };
}
