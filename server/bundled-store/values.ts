import { BSON, Binary, ObjectId } from 'bson';

export type Doc = Record<string, unknown>;

/** A BSON value class instance (ObjectId, Long, Decimal128, Binary, Timestamp, ...) carries a `_bsontype` tag. */
function bsonTypeTag(value: object): string | undefined {
  const tag = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

/** True for a sub-document: not an array, Date, RegExp or BSON value class. */
export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isOperatorObject(value: unknown): value is Doc {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/**
 * Stored documents must never share references with a caller or with each other; a BSON round trip copies every
 * value (including ObjectId/Binary buffers) and proves the document is serialisable, as the wire would.
 */
export function cloneDocument(doc: Doc): Doc {
  return BSON.deserialize(BSON.serialize(doc)) as Doc;
}

/** A stored copy of `doc` and its BSON bytes: the bytes give the size and are what the journal writes. */
export function encodeDocument(doc: Doc): { doc: Doc; bytes: Uint8Array } {
  const bytes = BSON.serialize(doc);
  return { doc: BSON.deserialize(bytes) as Doc, bytes };
}

export function documentSize(doc: Doc): number {
  return BSON.calculateObjectSize(doc);
}

/**
 * Whether an update left a document as it was: the same fields in the same order with equal values.
 * Values an update did not touch are the same objects, so only the changed ones are compared by key.
 */
export function sameDocument(a: Doc, b: Doc): boolean {
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i++) {
    const key = keysA[i]!;
    if (key !== keysB[i]) return false;
    if (a[key] !== b[key] && canonicalKey(a[key]) !== canonicalKey(b[key])) return false;
  }
  return true;
}

/**
 * A string that is equal for two values exactly when MongoDB considers them equal as index keys:
 * numbers compare by value whatever their BSON type, sub-documents by ordered fields.
 */
export function canonicalKey(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'number':
      return `n:${Object.is(value, -0) ? 0 : value}`;
    case 'bigint':
      return `n:${value.toString()}`;
    case 'string':
      return `s:${JSON.stringify(value)}`;
    case 'boolean':
      return `b:${value}`;
    case 'object':
      break;
    default:
      return `?:${String(value)}`;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
  if (value instanceof Date) return `t:${value.getTime()}`;
  if (value instanceof RegExp) return `r:${value.source}/${value.flags}`;
  const tag = bsonTypeTag(value);
  if (tag === 'ObjectId') return `o:${(value as ObjectId).toHexString()}`;
  if (tag === 'Binary') {
    const binary = value as Binary;
    return `x:${binary.sub_type}:${Buffer.from(binary.buffer).toString('base64')}`;
  }
  if (tag === 'Long' || tag === 'Int32' || tag === 'Double') return `n:${String(value)}`;
  if (tag !== undefined) return `${tag}:${String(value)}`;
  const entries = Object.entries(value as Doc).map(([k, v]) => `${JSON.stringify(k)}:${canonicalKey(v)}`);
  return `{${entries.join(',')}}`;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalKey(a) === canonicalKey(b);
}

/** Renders a value the way mongod prints it inside error messages (`dup key: { name: "x" }`). */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[ ${value.map(formatValue).join(', ')} ]`;
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value instanceof RegExp) return `/${value.source}/${value.flags}`;
  const tag = bsonTypeTag(value);
  if (tag === 'ObjectId') return `ObjectId('${(value as ObjectId).toHexString()}')`;
  if (tag === 'Decimal128') return `NumberDecimal("${String(value)}")`;
  if (tag === 'Long') return `NumberLong(${String(value)})`;
  if (tag !== undefined) return `${tag}(${JSON.stringify(String(value))})`;
  const entries = Object.entries(value as Doc);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${k}: ${formatValue(v)}`).join(', ')} }`;
}

/** BSON type names as used by mongod in TypeMismatch messages. */
export function bsonTypeName(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regex';
  if (typeof value === 'object') {
    const tag = bsonTypeTag(value);
    if (tag === 'ObjectId') return 'objectId';
    if (tag === 'Decimal128') return 'decimal';
    if (tag !== undefined) return tag.toLowerCase();
    return 'object';
  }
  return typeof value;
}

export function isNumeric(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'bigint') return true;
  if (value === null || typeof value !== 'object') return false;
  const tag = bsonTypeTag(value);
  return tag === 'Long' || tag === 'Int32' || tag === 'Double' || tag === 'Decimal128';
}

/** Reads a dotted path through sub-documents and numeric array positions, without fanning out over arrays. */
export function getPath(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isPlainObject(current))
      current = Object.prototype.hasOwnProperty.call(current, part) ? current[part] : undefined;
    else return undefined;
  }
  return current;
}

/**
 * All values reached by a dotted path, fanning out over arrays the way a multikey index does:
 * `tags` on `{ tags: ['a', 'b'] }` yields 'a' and 'b'. A missing path yields undefined.
 */
export function collectPathValues(doc: unknown, path: string): unknown[] {
  const parts = path.split('.');
  const out: unknown[] = [];
  const walk = (value: unknown, index: number): void => {
    if (index === parts.length) {
      if (Array.isArray(value)) {
        if (value.length === 0) out.push(undefined);
        else out.push(...(value as unknown[]));
      } else out.push(value);
      return;
    }
    const part = parts[index] as string;
    if (Array.isArray(value)) {
      if (/^\d+$/.test(part)) return walk(value[Number(part)], index + 1);
      if (value.length === 0) return walk(undefined, parts.length);
      for (const item of value) walk(item, index);
      return;
    }
    if (isPlainObject(value)) return walk(value[part], index + 1);
    walk(undefined, parts.length);
  };
  walk(doc, 0);
  return out;
}

/** Writes a dotted path, creating intermediate sub-documents (used to seed upserted documents from a filter). */
export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let current: Doc = doc;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (isPlainObject(next)) current = next;
    else {
      const created: Doc = {};
      current[part] = created;
      current = created;
    }
  }
  current[parts[parts.length - 1] as string] = value;
}

/** MongoDB stores `_id` as the first field; drivers and tests rely on that ordering. */
export function withIdFirst(doc: Doc): Doc {
  if (!('_id' in doc)) return { _id: new ObjectId(), ...doc };
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}
