import { update as applyModifier } from 'mingo';
import type { Modifier } from 'mingo/updater';
import { unique } from 'mingo/util';
import { CommandError } from './errors';
import { runPipeline, validatePipeline } from './query-engine';
import {
  bsonTypeName,
  canonicalKey,
  sameValue,
  cloneDocument,
  formatValue,
  getPath,
  isNumeric,
  isOperatorObject,
  isPlainObject,
  setPath,
  type Doc,
} from './values';

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$currentDate',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$bit',
  '$setOnInsert',
]);
const PIPELINE_UPDATE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);
const NUMERIC_OPERATORS = new Set(['$inc', '$mul']);
const ARRAY_OPERATORS = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop']);

// mingo's arithmetic works on JS numbers only: a Decimal128 (or a Long too large for a double) would be
// concatenated as a string, so such operands are refused rather than corrupted.
function unsupportedArithmeticError(operator: string, value: unknown): CommandError {
  return new CommandError(
    'NotImplemented',
    `${operator} on ${bsonTypeName(value)} values is not supported by the bundled store`,
  );
}

export type UpdateSpec =
  | { kind: 'replacement'; replacement: Doc }
  | { kind: 'operators'; operators: Record<string, Doc> }
  | { kind: 'pipeline'; stages: Doc[] };

/** Paths conflict when one equals or contains the other: `a` and `a.b` cannot both be updated. */
function assertNoConflicts(operators: Record<string, Doc>): void {
  const seen: string[] = [];
  for (const [operator, fields] of Object.entries(operators)) {
    const paths = Object.keys(fields);
    if (operator === '$rename') paths.push(...Object.values(fields).filter((v): v is string => typeof v === 'string'));
    for (const path of paths) {
      const clash = seen.find(
        (other) => other === path || other.startsWith(`${path}.`) || path.startsWith(`${other}.`),
      );
      if (clash !== undefined) {
        const at = clash.length <= path.length ? clash : path;
        throw new CommandError(
          'ConflictingUpdateOperators',
          `Updating the path '${path}' would create a conflict at '${at}'`,
        );
      }
      seen.push(path);
    }
  }
}

export function parseUpdate(raw: unknown): UpdateSpec {
  if (Array.isArray(raw)) {
    const stages = validatePipeline(raw);
    for (const stage of stages) {
      const name = Object.keys(stage)[0] as string;
      if (!PIPELINE_UPDATE_STAGES.has(name)) {
        throw new CommandError('InvalidOptions', `${name} is not allowed to be used within an update`);
      }
    }
    return { kind: 'pipeline', stages };
  }
  if (!isPlainObject(raw))
    throw new CommandError('FailedToParse', 'Update argument must be either an object or an array');
  const keys = Object.keys(raw);
  const operatorKeys = keys.filter((k) => k.startsWith('$'));
  if (operatorKeys.length === 0) return { kind: 'replacement', replacement: raw };
  if (operatorKeys.length !== keys.length) {
    const plain = keys.find((k) => !k.startsWith('$')) as string;
    throw new CommandError(
      'FailedToParse',
      `Unknown modifier: ${plain}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  }
  const operators: Record<string, Doc> = {};
  for (const key of operatorKeys) {
    if (!UPDATE_OPERATORS.has(key)) {
      throw new CommandError(
        'FailedToParse',
        `Unknown modifier: ${key}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    const fields = raw[key];
    if (!isPlainObject(fields)) {
      throw new CommandError(
        'FailedToParse',
        `Modifiers operate on fields but we found type ${bsonTypeName(fields)} instead. For example: {$mod: {<field>: ...}} not {${key}: ${formatValue(fields)}}`,
      );
    }
    if (NUMERIC_OPERATORS.has(key)) {
      for (const [field, amount] of Object.entries(fields)) {
        if (typeof amount !== 'number' && isNumeric(amount)) throw unsupportedArithmeticError(key, amount);
        if (!isNumeric(amount)) {
          throw new CommandError(
            'TypeMismatch',
            `Cannot ${key === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${field}: ${formatValue(amount)}}`,
          );
        }
      }
    }
    operators[key] = fields;
  }
  assertNoConflicts(operators);
  return { kind: 'operators', operators };
}

/** mongod rejects arithmetic on non-numbers and array operators on non-arrays; mingo silently skips both. */
function assertTargetTypes(doc: Doc, operators: Record<string, Doc>): void {
  for (const [operator, fields] of Object.entries(operators)) {
    const numeric = NUMERIC_OPERATORS.has(operator);
    if (!numeric && !ARRAY_OPERATORS.has(operator)) continue;
    for (const path of Object.keys(fields)) {
      if (path.includes('$')) continue; // positional targets are resolved by the update engine itself
      const current = getPath(doc, path);
      if (current === undefined) continue;
      if (numeric && typeof current !== 'number' && isNumeric(current))
        throw unsupportedArithmeticError(operator, current);
      if (numeric && !isNumeric(current)) {
        throw new CommandError(
          'TypeMismatch',
          `Cannot apply ${operator} to a value of non-numeric type. {_id: ${formatValue(doc._id)}} has the field '${path}' of non-numeric type ${bsonTypeName(current)}`,
        );
      }
      if (!numeric && !Array.isArray(current)) {
        throw new CommandError(
          'BadValue',
          `The field '${path}' must be an array but is of type ${bsonTypeName(current)} in document {_id: ${formatValue(doc._id)}}`,
        );
      }
    }
  }
}

/** `$addToSet: { f: { $each: [1, 1] } }` must add 1 once even when `f` does not exist yet (mingo adds it twice). */
function dedupeAddToSet(fields: Doc): Doc {
  const out: Doc = {};
  for (const [path, value] of Object.entries(fields)) {
    out[path] = isPlainObject(value) && Array.isArray(value.$each) ? { ...value, $each: unique(value.$each) } : value;
  }
  return out;
}

function immutableIdError(): CommandError {
  return new CommandError(
    'ImmutableField',
    "Performing an update on the path '_id' would modify the immutable field '_id'",
  );
}

/**
 * Operators may restate `_id` with its current value (Mongoose does on save); any other write to `_id` is refused,
 * except while an upsert creates the document and `_id` does not exist yet.
 */
function guardId(doc: Doc, operators: Record<string, Doc>, inserting: boolean): Record<string, Doc> {
  const out: Record<string, Doc> = {};
  for (const [operator, fields] of Object.entries(operators)) {
    const kept: Doc = {};
    for (const [path, value] of Object.entries(fields)) {
      if (path !== '_id' && !path.startsWith('_id.')) kept[path] = value;
      else if (operator === '$set' && path === '_id' && sameValue(value, doc._id)) continue;
      else if (inserting && doc._id === undefined) kept[path] = value;
      else throw immutableIdError();
    }
    out[operator] = kept;
  }
  return out;
}

export interface ApplyOptions {
  filter: Doc;
  arrayFilters?: Doc[];
  /** True when the document is being created by an upsert: `$setOnInsert` applies only then. */
  inserting: boolean;
}

/** The top-level fields an update's operators may change (a `$rename` also changes its target's). */
function rootsOf(operators: Record<string, Doc>): Set<string> {
  const roots = new Set<string>();
  for (const [operator, fields] of Object.entries(operators)) {
    for (const [path, value] of Object.entries(fields)) {
      roots.add(path.split('.')[0]!);
      if (operator === '$rename' && typeof value === 'string') roots.add(value.split('.')[0]!);
    }
  }
  return roots;
}

/** True when the operators only set or unset whole top-level fields (no paths, no positional targets). */
function topLevelSetUnset(operators: Record<string, Doc>): boolean {
  for (const [operator, fields] of Object.entries(operators)) {
    if (operator !== '$set' && operator !== '$unset') return false;
    if (!isPlainObject(fields)) return false;
    for (const path of Object.keys(fields)) if (path.includes('.') || path.includes('$') || path === '') return false;
  }
  return true;
}

/** Returns the updated copy of `doc`; `doc` itself is left untouched. */
export function applyUpdate(doc: Doc, spec: UpdateSpec, options: ApplyOptions): Doc {
  const original = doc._id;
  let next: Doc;
  if (spec.kind === 'replacement') {
    next =
      '_id' in spec.replacement
        ? cloneDocument(spec.replacement)
        : { _id: original, ...cloneDocument(spec.replacement) };
  } else if (spec.kind === 'pipeline') {
    const [result] = runPipeline([doc], spec.stages);
    if (!isPlainObject(result)) throw new CommandError('BadValue', 'update pipeline did not produce a document');
    next = '_id' in result ? result : { _id: original, ...result };
  } else {
    const { $setOnInsert, ...rest } = spec.operators;
    const merged: Record<string, Doc> = { ...rest };
    if (options.inserting && $setOnInsert) merged.$set = { ...(merged.$set ?? {}), ...$setOnInsert };
    const topLevel = topLevelSetUnset(merged);
    if (topLevel) {
      // The common write (a few top-level fields set or unset) needs no deep copy: the stored copy is
      // re-encoded from `next` anyway, and nothing here changes a nested value in place.
      next = { ...doc };
      const operators = guardId(next, merged, options.inserting);
      for (const [field, value] of Object.entries(operators.$set ?? {})) next[field] = value;
      for (const field of Object.keys(operators.$unset ?? {})) delete next[field];
      return next;
    }
    // Only the top-level fields the operators reach are copied for the engine to edit; the others stay
    // the stored values (never edited in place), which also makes telling "nothing changed" cheap.
    next = { ...doc };
    for (const root of rootsOf(merged)) {
      if (root in next) next[root] = (cloneDocument({ value: next[root] }) as { value: unknown }).value;
    }
    const operators = guardId(next, merged, options.inserting);
    if (operators.$addToSet) operators.$addToSet = dedupeAddToSet(operators.$addToSet);
    assertTargetTypes(next, operators);
    try {
      applyModifier(next, operators as Modifier<Doc>, options.arrayFilters, options.filter, { cloneMode: 'deep' });
    } catch (err) {
      throw new CommandError('BadValue', err instanceof Error ? err.message : String(err));
    }
  }
  if (!options.inserting && canonicalKey(next._id) !== canonicalKey(original)) throw immutableIdError();
  return next;
}

/**
 * The document an upsert starts from: the filter's equality conditions (`{ a: 1 }`, `{ a: { $eq: 1 } }`,
 * and those inside a top-level `$and`), as mongod seeds it before applying the update.
 */
export function upsertSeed(filter: Doc): Doc {
  const seed: Doc = {};
  const visit = (condition: Doc): void => {
    for (const [path, value] of Object.entries(condition)) {
      if (path === '$and' && Array.isArray(value)) {
        for (const clause of value) if (isPlainObject(clause)) visit(clause);
        continue;
      }
      if (path.startsWith('$') || value instanceof RegExp) continue;
      if (isOperatorObject(value)) {
        if (Object.keys(value).length === 1 && '$eq' in value) setPath(seed, path, value.$eq);
        continue;
      }
      setPath(seed, path, value);
    }
  };
  visit(filter);
  return cloneDocument(seed);
}

/** The document inserted by an upsert that matched nothing. */
export function buildUpsertDocument(filter: Doc, spec: UpdateSpec, arrayFilters?: Doc[]): Doc {
  const seed = upsertSeed(filter);
  if (spec.kind === 'replacement') {
    const replacement = cloneDocument(spec.replacement);
    return '_id' in replacement || !('_id' in seed) ? replacement : { _id: seed._id, ...replacement };
  }
  return applyUpdate(seed, spec, { filter: {}, arrayFilters, inserting: true });
}
