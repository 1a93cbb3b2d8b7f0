import fc from 'fast-check';
import { Long, ObjectId } from 'bson';
import { compileFastFilter, compileFastSort } from '../../server/bundled-store/fast-filter';
import { compileFilter, sortDocuments } from '../../server/bundled-store/query-engine';
import type { Doc } from '../../server/bundled-store/values';

/**
 * The fast matcher answers only where it is exact; the general engine (mingo, which the store's other
 * tests hold to MongoDB's behaviour) is the reference for every filter and document generated here.
 * Not generated: arrays nested in arrays, where mingo matches `{ 'a.c': { $gt: 0 } }` against
 * `{ a: [[0.5]] }` and MongoDB, like the fast matcher, does not.
 */
const ids = [
  new ObjectId('65a000000000000000000001'),
  new ObjectId('65a000000000000000000002'),
  new ObjectId('65a0000000000000000000f0'),
];
const dates = [new Date('2024-01-01T00:00:00Z'), new Date('2025-06-01T00:00:00Z')];
const scalar = fc.oneof(
  fc.constantFrom('draft', 'published', 'archived', ''),
  fc.integer({ min: -1, max: 3 }),
  fc.constantFrom(0.5, 2.0),
  fc.boolean(),
  fc.constantFrom(...dates),
  fc.constantFrom(...ids),
);
const value = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.array(fc.oneof(scalar, fc.constant(null)), { maxLength: 3 }) },
  {
    weight: 2,
    arbitrary: fc.record(
      { b: scalar, c: fc.option(scalar, { nil: undefined }) },
      { requiredKeys: [], noNullPrototype: true },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.array(
      fc.record(
        { b: fc.oneof(scalar, fc.array(scalar, { maxLength: 2 })) },
        { requiredKeys: [], noNullPrototype: true },
      ),
      { maxLength: 3 },
    ),
  },
);
const doc = fc.record({ a: value, s: value, n: value }, { requiredKeys: [], noNullPrototype: true });

const field = fc.constantFrom('a', 's', 'n', 'a.b', 'a.c', 'missing');
const operand = fc.oneof(scalar, fc.constant(null));
const condition = fc.oneof(
  operand,
  operand.map(($eq) => ({ $eq })),
  operand.map(($ne) => ({ $ne })),
  fc.array(operand, { maxLength: 3 }).map(($in) => ({ $in })),
  fc.array(operand, { maxLength: 3 }).map(($nin) => ({ $nin })),
  fc.boolean().map(($exists) => ({ $exists })),
  fc
    .tuple(
      fc.constantFrom('$gt', '$gte', '$lt', '$lte'),
      fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constantFrom(...dates), fc.constantFrom(...ids)),
    )
    .map(([op, v]) => ({ [op]: v })),
  fc.tuple(fc.integer({ min: -1, max: 1 }), fc.integer({ min: 1, max: 3 })).map(([lo, hi]) => ({ $gt: lo, $lte: hi })),
);
const filter = fc.dictionary(field, condition, { maxKeys: 3, noNullPrototype: true });

describe('bundled store fast matcher', () => {
  it('when it decides a document, then it decides as the general engine does', () => {
    let decided = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          filter,
          fc.tuple(filter, filter).map(([a, b]) => ({ $or: [a, b] })),
        ),
        fc.array(doc, { maxLength: 12 }),
        (f, docs) => {
          const fast = compileFastFilter(f, undefined);
          if (!fast) return;
          const reference = compileFilter(f);
          for (const d of docs) {
            const verdict = fast(d);
            if (verdict === undefined) continue;
            decided += 1;
            expect({ filter: f, doc: d, match: verdict }).toEqual({ filter: f, doc: d, match: reference(d as Doc) });
          }
        },
      ),
      { numRuns: 3000, seed: 20261201 },
    );
    // The subset is what applications send most: most generated cases must fall inside it.
    expect(decided).toBeGreaterThan(5000);
  });

  it('when $in lists thousands of ids, numbers of any BSON type and dates, then it matches exactly the documents holding one', () => {
    const listed = Array.from({ length: 3000 }, (_, i) => new ObjectId(i.toString(16).padStart(24, '0')));
    const unlisted = new ObjectId('ff0000000000000000000000');
    const byId = compileFastFilter({ _id: { $in: listed }, n: { $nin: [2, dates[0]] } }, undefined)!;
    const held = compileFastFilter({ n: { $in: [2, dates[1]] } }, undefined)!;

    expect(byId({ _id: new ObjectId(listed[2999]!.toHexString()), n: 1 })).toBe(true);
    expect(byId({ _id: unlisted, n: 1 })).toBe(false);
    expect(byId({ _id: listed[0], n: 2.0 })).toBe(false);
    expect(byId({ _id: listed[0], n: new Date(dates[0]!.getTime()) })).toBe(false);
    expect(held({ n: Long.fromNumber(2) })).toBe(true);
    expect(held({ n: [7, new Date(dates[1]!.getTime())] })).toBe(true);
    expect(held({ n: '2' })).toBe(false);
    expect(held({})).toBe(false);
  });

  it('when a filter uses an operator, a positional path or a collation outside the subset, then it leaves the filter to the general engine', () => {
    expect(compileFastFilter({ a: { $regex: '^x' } }, undefined)).toBeUndefined();
    expect(compileFastFilter({ 'a.0': 1 }, undefined)).toBeUndefined();
    expect(compileFastFilter({ $or: [{ a: { $regex: 'x' } }] }, undefined)).toBeUndefined();
    expect(compileFastFilter({ 'a.b': null }, undefined)).toBeUndefined();
    expect(compileFastFilter({ a: 'x' }, { locale: 'en', strength: 2 })).toBeUndefined();
    expect(compileFastFilter({ a: 'x', $and: [{ n: { $gt: 1 } }] }, { locale: 'simple' })).toBeDefined();
  });

  it('when it sorts, then the order is the general engine’s, ties kept in input order', () => {
    const sortable = fc.record(
      {
        k: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(null)),
        d: fc.constantFrom(...dates, null),
        o: fc.constantFrom(...ids, null),
        i: fc.integer(),
      },
      { requiredKeys: ['i'], noNullPrototype: true },
    );
    fc.assert(
      fc.property(
        fc.array(sortable, { maxLength: 20 }),
        fc.constantFrom({ k: 1 }, { k: -1 }, { d: -1, k: 1 }, { k: 1, d: 1 }, { o: 1 }, { o: -1, k: 1 }),
        (docs, sort) => {
          const compare = compileFastSort(sort, docs);
          if (!compare) return;
          expect([...(docs as Doc[])].sort(compare)).toEqual(sortDocuments([...(docs as Doc[])], sort));
        },
      ),
      { numRuns: 500, seed: 20261201 },
    );
  });

  it('when a sort field mixes kinds of values or holds arrays, then the sort is left to the general engine', () => {
    expect(compileFastSort({ k: 1 }, [{ k: 1 }, { k: 'x' }])).toBeUndefined();
    expect(compileFastSort({ k: 1 }, [{ k: [1, 2] }])).toBeUndefined();
    expect(compileFastSort({ 'a.b': 1 }, [{ a: { b: 1 } }])).toBeUndefined();
  });
});
