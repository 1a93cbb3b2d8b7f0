import type { Translate } from '../../../lib/i18n';
import type { ImportJobDoc, ImportRowDoc } from '../persistence/import-model';
import { ACTIVE_STATUSES } from '../persistence/import-model';

/** An import as clients see it: an allow-list, never the stored document. */
export function importJson(job: ImportJobDoc, t: Translate) {
  const active = ACTIVE_STATUSES.includes(job.status);
  const phaseTotal = job.status === 'validating' ? job.counts.total : job.counts.accepted;
  return {
    id: job._id.toHexString(),
    fileName: job.fileName,
    format: job.format,
    publish: job.publish,
    status: job.status,
    mode: job.mode,
    /** Still being worked on in the background: poll again. */
    active,
    counts: {
      total: job.counts.total,
      accepted: job.counts.accepted,
      refused: job.counts.refused,
      written: job.counts.written,
      failed: job.counts.failed,
      undone: job.counts.undone,
    },
    progress: active && job.status !== 'rolling_back' ? { done: Math.min(job.counts.processed, phaseTotal), of: phaseTotal } : undefined,
    createdAt: job.createdAt,
    createdBy: job.createdByName,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    problem: job.problem ? t(job.problem) : undefined,
  };
}
export type ImportJson = ReturnType<typeof importJson>;

/** A row of the report: its number in the file, its state and every reason it was refused, translated. */
export function rowJson(row: ImportRowDoc, t: Translate) {
  return {
    number: row.number,
    state: row.state,
    title: row.title,
    city: row.city,
    cityName: row.cityName,
    practiceId: row.practiceId,
    problems: row.problems.map((p) => ({ field: p.field, messages: p.messages.map((m) => t(m)) })),
  };
}
export type ImportRowJson = ReturnType<typeof rowJson>;
