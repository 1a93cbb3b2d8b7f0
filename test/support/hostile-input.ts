import fc from 'fast-check';

/**
 * Generated hostile input for any route: prototype keys, MongoDB operator objects, arrays where a
 * string belongs, huge and empty values, wrong content types, invalid ids, unknown facet and sort values.
 * One request is a method, a path with its parameters filled in, a query string and a body.
 */
export type HostileRequest = {
  path: string;
  query: string;
  body?: { type: string; payload: string | Buffer } | undefined;
};

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];

const OPERATOR_KEYS = ['$gt', '$ne', '$where', '$regex', '$in', '$exists', '$expr', '$function', '$set', '$or'];

/** Field names this application reads somewhere, so hostile values reach real code paths. */
const KNOWN_FIELDS = [
  'title', 'summary', 'city', 'cityName', 'country', 'themes', 'targetGroups', 'period', 'startYear', 'endYear', 'ongoing',
  'budget', 'amountEur', 'fundingSources', 'stakeholders', 'description', 'results', 'transferability', 'lessons',
  'indicators', 'sources', 'contact', 'email', 'language', 'event', 'revision', 'reason', 'body', 'intent', 'status',
  'q', 'page', 'perPage', 'hitsPerPage', 'sort', 'theme', 'targetGroup', 'hasIndicators', 'from', 'to', 'version',
  'partial', 'notice', 'next', 'password', 'newPassword', 'currentPassword', 'name', 'role', 'en', 'lv', 'slug', 'terms',
  'action', 'actor', 'label', 'attachments', 'keep', 'remove', '_csrf',
]; // prettier-ignore

/** Values for facets, sorts and enums that no one can have chosen. */
const UNKNOWN_CHOICES = ['x', 'atlantis', 'US', 'LVX', 'zz', 'not-a-theme', 'publishedAt:desc', 'random', 'price', 'newest;drop', 'relevance '];

const SPECIAL_STRINGS = [
  '', ' ', '\u0000', '\uFFFF', '\uD800', 'ﬁ', '😀👍🏽', 'İstanbul', 'null', 'undefined', 'NaN', 'Infinity', '-1', '0', '1e309',
  '9'.repeat(40), '0x1F', '[]', '{}', '{"$gt":""}', "' OR 1=1 --", '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>',
  '../../etc/passwd', '%2e%2e%2f', '%00', 'a'.repeat(20_000), '5f0000000000000000000000', '000000000000000000000000',
  'javascript:alert(1)', '//evil.example/', 'https://evil.example/', '\\\\evil', 'city = x OR id EXISTS', 'x" OR "1"="1',
  ...PROTOTYPE_KEYS, ...OPERATOR_KEYS, ...UNKNOWN_CHOICES,
]; // prettier-ignore

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KNOWN_FIELDS) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS, ...OPERATOR_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom('', 'a.b', 'working.title', 'published', 'deleted', 'indexedRevision', '$', 'a[b]') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** An object with an own "__proto__" key, as JSON.parse makes it (an object literal would set the prototype). */
const withOwnKey = (key: string, value: unknown) => JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`) as object;

const operatorObject: fc.Arbitrary<unknown> = fc.constantFrom(
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000) || true' },
  { $regex: '.*', $options: 'si' },
  { $in: ['published', 'draft'] },
  { $exists: true },
  { $expr: { $gt: ['$revision', 0] } },
  { $function: { body: 'function () { return true }', args: [], lang: 'js' } },
  withOwnKey('__proto__', { admin: true, role: 'admin' }),
  withOwnKey('constructor', { prototype: { admin: true } }),
  { toString: 'x', valueOf: 1, hasOwnProperty: 'x' },
);

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, Number.MAX_SAFE_INTEGER + 2)),
    fc.boolean(),
    fc.constant(null),
    operatorObject,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.constant(Array.from({ length: 500 }, (_, i) => `item ${i}`)),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** A JSON object body: some known fields, some hostile ones, prototype keys as own keys. */
const hostileObject: fc.Arbitrary<Record<string, unknown>> = fc
  .array(fc.tuple(hostileKey, hostileValue), { maxLength: 6 })
  .map((entries) => {
    const body: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [key, value] of entries) body[key] = value;
    return body;
  });

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD, as a browser would send it). */
const encode = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** Escapes no decoder can read: broken UTF-8 and cut-off percent signs. */
const BROKEN_ESCAPES = ['%E0%A4%A', '%C3%28', '%FF%FE', '%', '%zz', 'a%00b'];

/** A query string or form body: repeated keys, bracket keys, prototype paths, huge values. */
const formPairs: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(
        hostileKey,
        hostileKey.map((k) => `${k}[]`),
        fc.tuple(hostileKey, fc.constantFrom(...OPERATOR_KEYS, ...PROTOTYPE_KEYS, '0', '')).map(([k, s]) => `${k}[${s}]`),
        fc.constantFrom('__proto__[admin]', 'constructor[prototype][admin]', 'a[b][c][d][e][f][g]', 'themes[999]'),
      ),
      hostileString,
    ),
    { maxLength: 6 },
  )
  .chain((pairs) =>
    fc.option(fc.constantFrom(...BROKEN_ESCAPES)).map((broken) => [...pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`), ...(broken ? [`q=${broken}`] : [])].join('&')),
  );

const multipartBody: fc.Arbitrary<{ type: string; payload: Buffer }> = fc
  .tuple(
    fc.array(fc.tuple(hostileKey, hostileString), { maxLength: 3 }),
    fc.option(fc.tuple(fc.constantFrom('attachments', 'file', '__proto__', ''), hostileString, fc.uint8Array({ maxLength: 64 }))),
    fc.boolean(),
  )
  .map(([fields, file, truncated]) => {
    const boundary = 'hostileboundary';
    const parts: Buffer[] = fields.map(([k, v]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/"/g, '')}"\r\n\r\n${v}\r\n`),
    );
    if (file) {
      const [field, name, bytes] = file;
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name.replace(/"/g, '')}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        Buffer.from(bytes),
        Buffer.from('\r\n'),
      );
    }
    if (!truncated) parts.push(Buffer.from(`--${boundary}--\r\n`));
    return { type: `multipart/form-data; boundary=${boundary}`, payload: Buffer.concat(parts) };
  });

export const hostileBody: fc.Arbitrary<HostileRequest['body']> = fc.oneof(
  { weight: 4, arbitrary: hostileObject.map((o) => ({ type: 'application/json', payload: JSON.stringify(o) })) },
  { weight: 1, arbitrary: hostileValue.map((v) => ({ type: 'application/json', payload: JSON.stringify(v) ?? 'null' })) },
  { weight: 3, arbitrary: formPairs.map((p) => ({ type: 'application/x-www-form-urlencoded', payload: p })) },
  { weight: 1, arbitrary: multipartBody },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('text/plain', 'application/xml', 'application/json', 'application/x-www-form-urlencoded', 'image/png'), hostileString).map(
      ([type, payload]) => ({ type, payload }),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('{"title":', '{"a":1}}', '[', '\u0000', '{"__proto__":{"x":1}', 'a=%E0%A4%A').map((payload) => ({ type: 'application/json', payload })) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** A value for one path parameter: a real id from the fixtures, or something that cannot be one. */
export function pathValue(real: readonly string[]): fc.Arbitrary<string> {
  const hostile = fc.oneof(
    hostileString.filter((s) => s.length > 0 && s.length < 2000).map(encode),
    fc.constantFrom(...BROKEN_ESCAPES, '..', '%2F', 'x'.repeat(5000)),
  );
  return real.length > 0 ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...real).map(encode) }, { weight: 3, arbitrary: hostile }) : hostile;
}

/**
 * Hostile requests for one route (Express path such as `/api/practices/:id/revisions/:number`). `real`
 * gives fixture values per parameter name, so some requests get past the lookup to the body.
 */
export function hostileRequest(route: string, real: (param: string) => readonly string[], withBody: boolean): fc.Arbitrary<HostileRequest> {
  const params = [...route.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const values = fc.tuple(...params.map((p) => pathValue(real(p))));
  return fc.record({
    path: (params.length > 0 ? values : fc.constant([] as string[])).map((vs) => {
      let i = 0;
      return route.replace(/:(\w+)/g, () => vs[i++] ?? '');
    }),
    query: fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 3, arbitrary: formPairs }),
    body: withBody ? hostileBody : fc.constant(undefined),
  });
}
