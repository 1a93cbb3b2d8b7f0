import { Aggregator, ProcessingMode, Query } from 'mingo';
import type { CollationSpec, Options } from 'mingo/types';
import { MingoError } from 'mingo/util';
import { CommandError } from './errors';
import { compileFastFilter, compileFastSort } from './fast-filter';
import { isPlainObject, type Doc } from './values';

/** Stages whose job is to write or to read server state this in-memory server does not have. */
const UNSUPPORTED_STAGES = new Set([
  '$out',
  '$merge',
  '$changeStream',
  '$collStats',
  '$indexStats',
  '$currentOp',
  '$listSessions',
  '$listLocalSessions',
  '$planCacheStats',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$geoNear',
  '$listSearchIndexes',
]);

export interface QueryOptions {
  collation?: unknown;
  variables?: Doc;
  /** Resolves `$lookup`/`$unionWith`/`$graphLookup` collection names within the same database. */
  resolveCollection?: (name: string) => Doc[];
}

function mingoOptions(options: QueryOptions = {}, processingMode = ProcessingMode.CLONE_OFF): Partial<Options> {
  const collation =
    isPlainObject(options.collation) && options.collation.locale !== 'simple' ? options.collation : undefined;
  return {
    processingMode,
    // Code cannot arrive over the wire as a JS function, so $where/$function could only ever fail obscurely.
    scriptEnabled: false,
    ...(collation ? { collation: collation as unknown as CollationSpec } : {}),
    ...(options.variables ? { variables: options.variables } : {}),
    ...(options.resolveCollection ? { collectionResolver: options.resolveCollection } : {}),
  };
}

/** Translates mingo's errors into the codes mongod uses for the same mistakes. */
export function toQueryError(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const stage = /unregistered pipeline operator (\$\w+)/.exec(message);
  if (stage) {
    return new CommandError(
      'Location40324',
      `Unrecognized pipeline stage name: '${stage[1]}' (or not supported by the bundled store)`,
    );
  }
  const operator = /unknown (?:query|top level) operator:? (\$\w+)/.exec(message);
  if (operator) return new CommandError('BadValue', `unknown operator: ${operator[1]}`);
  if (err instanceof MingoError) return new CommandError('BadValue', message);
  return new CommandError('InternalError', `query engine failed: ${message}`);
}

function guard<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw toQueryError(err);
  }
}

export function compileFilter(filter: Doc, options?: QueryOptions): (doc: Doc) => boolean {
  const query = guard(() => new Query(filter, mingoOptions(options)));
  return (doc) => guard(() => query.test(doc));
}

export function validateSort(sort: unknown): Doc | undefined {
  if (sort === undefined || sort === null) return undefined;
  if (!isPlainObject(sort)) throw new CommandError('TypeMismatch', "Expected field 'sort' to be of type object");
  const normalized: Doc = {};
  for (const [field, direction] of Object.entries(sort)) {
    if (direction === 1 || direction === -1) normalized[field] = direction;
    else
      throw new CommandError(
        'BadValue',
        `$sort key ordering must be 1 (for ascending) or -1 (for descending) for field '${field}'`,
      );
  }
  return Object.keys(normalized).length > 0 ? normalized : undefined;
}

export interface FindSpec {
  filter?: Doc;
  sort?: Doc;
  skip?: number;
  limit?: number;
  projection?: Doc;
}

/** Inclusion projections in mingo append `_id` last; mongod keeps the stored field order. */
function inSourceOrder(projected: Doc, source: Doc): Doc {
  const ordered: Doc = {};
  for (const key of Object.keys(source)) if (key in projected) ordered[key] = projected[key];
  for (const key of Object.keys(projected)) if (!(key in ordered)) ordered[key] = projected[key];
  return ordered;
}

/**
 * A projection that only keeps or only drops whole top-level fields (`{ _id: 1, pendingSince: 1 }`,
 * `{ history: 0 }`), applied without the general engine; undefined for anything else. Values are shared
 * with the stored document: nothing edits a stored document's values in place (updates build new ones).
 */
function topLevelProjection(projection: Doc): ((doc: Doc) => Doc) | undefined {
  const fields = new Map<string, boolean>();
  for (const [key, value] of Object.entries(projection)) {
    if (key.includes('.') || key.startsWith('$') || key === '') return undefined;
    if (value === 1 || value === true) fields.set(key, true);
    else if (value === 0 || value === false) fields.set(key, false);
    else return undefined;
  }
  const { _id: keepId, ...others } = Object.fromEntries(fields);
  const kinds = new Set(Object.values(others));
  if (kinds.size > 1) return undefined; // mixing inclusion and exclusion is the engine's error to raise
  const including = kinds.has(true);
  if (!including && kinds.size === 0 && keepId !== false) return undefined;
  return (doc) => {
    const out: Doc = {};
    for (const key of Object.keys(doc)) {
      const listed = fields.get(key);
      const keep = key === '_id' ? keepId !== false : including ? listed === true : listed !== false;
      if (keep) out[key] = doc[key];
    }
    return out;
  };
}

export function project(docs: Doc[], projection: Doc | undefined, options?: QueryOptions): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  const simple = topLevelProjection(projection);
  if (simple) return docs.map(simple);
  // Projection builds its output by editing documents: it must work on copies, never on stored ones.
  const projected = guard(() =>
    new Query({}, mingoOptions(options, ProcessingMode.CLONE_INPUT)).find<Doc>(docs, projection).all(),
  );
  return projected.map((doc, i) => inSourceOrder(doc, docs[i] as Doc));
}

/** filter → sort → skip → limit → projection, in mongod's order (sorting may use fields the projection drops). */
export function findDocuments(docs: Doc[], spec: FindSpec, options?: QueryOptions): Doc[] {
  // `$natural` is insertion order, which is the order documents are stored in.
  const { $natural, ...sort } = spec.sort ?? {};
  const source = $natural === -1 ? [...docs].reverse() : docs;
  const matches = fastMatcher(spec.filter ?? {}, options);
  if (matches) return project(selectFast(source.filter(matches), sort, spec), spec.projection, options);
  const scanned = guard(() => {
    const cursor = new Query(spec.filter ?? {}, mingoOptions(options)).find<Doc>(source);
    if (Object.keys(sort).length > 0) cursor.sort(sort);
    if (spec.skip) cursor.skip(spec.skip);
    if (spec.limit) cursor.limit(spec.limit);
    return cursor.all();
  });
  return project(scanned, spec.projection, options);
}

/**
 * The fast matcher for a filter it understands, asking the general engine about the documents it cannot
 * decide; undefined when it understands nothing of the filter.
 */
export function fastMatcher(filter: Doc, options?: QueryOptions): ((doc: Doc) => boolean) | undefined {
  const fast = compileFastFilter(filter, options?.collation);
  if (!fast) return undefined;
  let general: ((doc: Doc) => boolean) | undefined;
  return (doc) => fast(doc) ?? (general ??= compileFilter(filter, options))(doc);
}

/** Sort, skip and limit over the documents the fast matcher chose (a fresh array, so it may be sorted in place). */
function selectFast(matched: Doc[], sort: Doc, spec: FindSpec): Doc[] {
  let ordered = matched;
  if (Object.keys(sort).length > 0) {
    const compare = compileFastSort(sort, matched);
    ordered = compare ? matched.sort(compare) : sortDocuments(matched, sort);
  }
  const from = spec.skip ?? 0;
  return ordered.slice(from, spec.limit ? from + spec.limit : undefined);
}

function assertSupportedStages(pipeline: Doc[]): void {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0];
    if (name !== undefined && UNSUPPORTED_STAGES.has(name)) {
      throw new CommandError('NotImplemented', `${name} is not supported by the bundled store`);
    }
    for (const value of Object.values(stage)) {
      // Sub-pipelines ($facet, $lookup, $unionWith) cannot smuggle a writing stage past the check either.
      if (isPlainObject(value)) {
        for (const nested of Object.values(value)) {
          if (Array.isArray(nested) && nested.every(isPlainObject)) assertSupportedStages(nested);
        }
      }
    }
  }
}

export function validatePipeline(pipeline: unknown): Doc[] {
  if (!Array.isArray(pipeline) || !pipeline.every(isPlainObject)) {
    throw new CommandError('TypeMismatch', "'pipeline' option must be specified as an array of objects");
  }
  for (const stage of pipeline) {
    if (Object.keys(stage).length !== 1) {
      throw new CommandError('Location40324', 'A pipeline stage specification object must contain exactly one field.');
    }
  }
  assertSupportedStages(pipeline);
  return pipeline;
}

/** Stages that read their input documents without writing into them (they build new ones, or reorder). */
const READ_ONLY_STAGES = new Set(['$group', '$count', '$skip', '$limit', '$sort', '$sortByCount']);

export function runPipeline(docs: Doc[], pipeline: Doc[], options?: QueryOptions): Doc[] {
  // Clone the input: some mingo stages ($lookup, $addFields) write into the documents they receive. A
  // pipeline of stages that only read (a count, a grouping) skips the copy of every stored document.
  const readOnly = pipeline.every((stage) => READ_ONLY_STAGES.has(Object.keys(stage)[0] as string));
  const mode = readOnly ? ProcessingMode.CLONE_OFF : ProcessingMode.CLONE_INPUT;
  return guard(() => new Aggregator(pipeline, mingoOptions(options, mode)).run<Doc>(docs));
}

export function sortDocuments(docs: Doc[], sort: Doc | undefined): Doc[] {
  if (!sort) return docs;
  return guard(() => new Query({}, mingoOptions()).find<Doc>(docs).sort(sort).all());
}
