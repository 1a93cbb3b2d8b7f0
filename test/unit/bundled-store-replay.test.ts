import { BSON } from 'bson';
import { LoadedState } from '../../server/bundled-store/disk/loaded-state';
import { encodeRecord, Op, readRecords, type StoredRecord } from '../../server/bundled-store/disk/records';

const ns = { d: 'app', c: 'people' };
const put = (doc: Record<string, unknown>) => encodeRecord(Op.Put, ns, BSON.serialize(doc));
const journal = (...records: Buffer[]) => readRecords(Buffer.concat(records));

function load(records: StoredRecord[]) {
  const state = new LoadedState();
  for (const record of records) state.apply(record);
  const store = state.toStore(undefined);
  const people = store.database('app').get('people');
  return { docs: people?.all() ?? [], indexes: people?.listIndexes().map((i) => i.name) ?? [] };
}

describe('bundled store journal records', () => {
  const history = journal(
    encodeRecord(Op.CreateCollection, { ...ns, o: {} }),
    encodeRecord(Op.CreateIndexes, { ...ns, specs: [{ v: 2, key: { email: 1 }, name: 'email_1', unique: true }] }),
    put({ _id: 1, email: 'a@example.org' }),
    put({ _id: 2, email: 'b@example.org' }),
    put({ _id: 1, email: 'b@example.org', renamedFrom: 'a' }),
    encodeRecord(Op.Delete, { ...ns, id: 2 }),
    put({ _id: 3, email: 'c@example.org' }),
  );

  it('when a journal is read, then every record comes back in order with its document', () => {
    expect(history.damage).toBeUndefined();
    expect(history.records.map((r) => r.op)).toEqual([Op.CreateCollection, Op.CreateIndexes, Op.Put, Op.Put, Op.Put, Op.Delete, Op.Put]);
    expect(load(history.records)).toEqual({
      docs: [
        { _id: 1, email: 'b@example.org', renamedFrom: 'a' },
        { _id: 3, email: 'c@example.org' },
      ],
      indexes: ['_id_', 'email_1'],
    });
  });

  it('when records a snapshot already holds are replayed again, then the data is the same (a crash during compaction)', () => {
    // Replaying from the middle over the final state passes through states with a duplicate email
    // (document 1 takes b@ while 2 still has it): indexes are only built once everything is applied.
    expect(load([...history.records, ...history.records.slice(2)])).toEqual(load(history.records));
  });

  it('when the last record is cut short or altered, then reading stops before it and says why', () => {
    const whole = Buffer.concat([put({ _id: 1 }), put({ _id: 2 })]);
    const cut = readRecords(whole.subarray(0, whole.length - 3));
    const altered = Buffer.from(whole);
    altered.writeUInt8((altered.at(-2) as number) ^ 0xff, altered.length - 2);

    expect(cut.records).toHaveLength(1);
    expect(cut.damage).toMatch(/cut short/);
    expect(readRecords(altered).damage).toBe('checksum mismatch');
    expect(readRecords(altered).validBytes).toBe(put({ _id: 1 }).length);
  });
});
