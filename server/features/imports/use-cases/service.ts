import { Types, type Connection } from 'mongoose';
import { z } from 'zod';
import { ConflictError, NotFoundError, refusal, ValidationError } from '../../../lib/errors';
import type { Translate } from '../../../lib/i18n';
import type { Logger } from '../../../lib/logger';
import { objectError } from '../../../lib/versioned';
import { parseInput } from '../../../lib/validate';
import type { AuditService } from '../../audit';
import { toActor, type User } from '../../users';
import { readImportFile } from '../domain/read-file';
import { IMPORT_MODES, type ImportJobDoc, type RowState } from '../persistence/import-model';
import { createImportStore } from '../persistence/import-store';
import type { ImportsDeps } from './ports';
import { importJson, rowJson, type ImportJson, type ImportRowJson } from './presenters';
import { createImportRunner } from './runner';
import { templateCsv } from './template';

export type Caller = User | undefined;
export type UploadedFile = { originalname: string; buffer: Buffer };

const E = (key: string) => `imports.error.${key}`;
const flag = z.preprocess((v) => (v === 'on' || v === 'true' || v === '1' ? true : v === '' || v === 'false' || v === '0' ? false : v), z.boolean({ error: E('flag') }));

/** The form fields next to the file (multipart: text only). */
export const uploadInput = z.strictObject({ publish: flag.optional().default(false), _csrf: z.string().optional() }, { error: objectError(E) });
export const startInput = z.strictObject({ mode: z.enum(IMPORT_MODES, { error: E('mode') }), _csrf: z.string().optional() }, { error: objectError(E) });

/** Which rows a report shows: all, the accepted (and written) ones, or the refused (and failed) ones. */
export const ROW_FILTERS = ['all', 'accepted', 'refused'] as const;
const FILTER_STATES: Record<(typeof ROW_FILTERS)[number], readonly RowState[] | undefined> = {
  all: undefined,
  accepted: ['accepted', 'written', 'undone'],
  refused: ['refused', 'failed'],
};
export const ROWS_PER_PAGE = 100;
export const rowsQuery = z.strictObject(
  {
    show: z.enum(ROW_FILTERS, { error: E('filter') }).optional().default('all'),
    page: z.coerce.number({ error: E('page') }).int(E('page')).min(1, E('page')).max(1000, E('page')).optional().default(1),
  },
  { error: objectError(E) },
);

const RECENT = 20;

/**
 * Bulk import of practices: upload (the file is read and its rows stored), the dry run (each row checked
 * by the practices service, in the background), then the import all-or-nothing or of the accepted rows
 * only (written through the practices service, in the background). Curators only (policy: practice.import).
 */
export function createImportsService(connection: Connection, deps: ImportsDeps & { audit: AuditService; logger: Logger }) {
  const store = createImportStore(connection);
  const runner = createImportRunner(store, deps);

  function importer(caller: Caller): User {
    if (!caller || !deps.can(toActor(caller), 'practice.import')) throw refusal(Boolean(caller));
    return caller;
  }

  async function load(caller: Caller, id: string): Promise<ImportJobDoc> {
    importer(caller);
    const job = await store.findJob(id);
    if (!job) throw new NotFoundError();
    return job;
  }

  return {
    /** Reads the file (or refuses it whole), stores its rows and starts the dry run. */
    async upload(caller: Caller, file: UploadedFile | undefined, body: unknown, t: Translate): Promise<ImportJson> {
      const user = importer(caller);
      const options = parseInput(uploadInput, body);
      if (!file) throw new ValidationError('imports.error.no_file', { file: ['imports.error.no_file'] });
      const parsed = readImportFile(file.buffer, file.originalname);
      const job = await store.createJob(
        {
          fileName: file.originalname.slice(0, 255) || 'import',
          format: parsed.format,
          fileBytes: file.buffer.length,
          publish: options.publish,
          createdBy: new Types.ObjectId(user.id),
          createdByName: user.name,
          createdByEmail: user.email,
        },
        parsed.rows.length,
      );
      try {
        await store.insertRows(
          job._id,
          parsed.rows.map((row) => ({ number: row.number, input: row.input, problems: Object.entries(row.errors).map(([field, messages]) => ({ field, messages })) })),
        );
      } catch (err) {
        await store.removeJob(job._id);
        throw err;
      }
      await store.releaseJob(job._id);
      runner.kick();
      return importJson(job, t);
    },

    async list(caller: Caller, t: Translate): Promise<ImportJson[]> {
      importer(caller);
      return (await store.recentJobs(RECENT)).map((job) => importJson(job, t));
    },

    async get(caller: Caller, id: string, t: Translate): Promise<ImportJson> {
      return importJson(await load(caller, id), t);
    },

    /** A page of the row-by-row report. */
    async rows(caller: Caller, id: string, query: unknown, t: Translate): Promise<{ items: ImportRowJson[]; total: number; page: number; pages: number; show: (typeof ROW_FILTERS)[number] }> {
      const job = await load(caller, id);
      const { show, page } = parseInput(rowsQuery, query);
      const { rows, total } = await store.rowsPage(job._id, FILTER_STATES[show], page, ROWS_PER_PAGE);
      return { items: rows.map((row) => rowJson(row, t)), total, page, pages: Math.max(1, Math.ceil(total / ROWS_PER_PAGE)), show };
    },

    /**
     * After the dry run: all-or-nothing (only when no row was refused; a failure while writing undoes
     * every row written) or only the accepted rows. Starting twice is a conflict, never a second import.
     */
    async start(caller: Caller, id: string, body: unknown, t: Translate): Promise<ImportJson> {
      const job = await load(caller, id);
      const { mode } = parseInput(startInput, body);
      if (job.status !== 'validated') throw new ConflictError('imports.error.not_ready', 'not_ready');
      if (mode === 'all-or-nothing' && job.counts.refused > 0) throw new ConflictError('imports.error.has_refused', 'has_refused');
      if (job.counts.accepted === 0) throw new ConflictError('imports.error.nothing_accepted', 'nothing_accepted');
      const started = await store.updateJob(job._id, { status: 'importing', mode, startedAt: new Date(), 'counts.processed': 0 }, { from: ['validated'], release: true });
      if (!started) throw new ConflictError('imports.error.not_ready', 'not_ready');
      runner.kick();
      return importJson(started, t);
    },

    /** The CSV template: header from the field table and one example row. */
    async template(caller: Caller, t: Translate, locale: string): Promise<string> {
      importer(caller);
      return templateCsv(deps, t, locale);
    },

    /** The background worker: main.ts resumes unfinished jobs at start and stops it on shutdown. */
    resume: () => runner.kick(),
    idle: () => runner.idle(),
    stop: () => runner.stop(),
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
