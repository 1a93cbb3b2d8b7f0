import { crc32 } from 'node:zlib';
import { BSON } from 'bson';
import type { Doc } from '../values';

/**
 * The framing shared by the journal and the snapshot. Each record is
 *
 *   [u32 payload length][u32 CRC-32 of the payload][payload]
 *   payload = [u8 operation][BSON meta: database, collection, arguments][BSON document, for puts only]
 *
 * A record cut short by a crash, or with bytes that were never written, fails its length or checksum test,
 * so a reader knows exactly where the intact part of a file ends.
 */
export const Op = {
  Header: 0,
  Put: 1,
  Delete: 2,
  CreateCollection: 3,
  DropCollection: 4,
  CreateIndexes: 5,
  DropIndexes: 6,
  DropDatabase: 7,
  End: 8,
} as const;
export type OpCode = (typeof Op)[keyof typeof Op];

const FRAME_HEADER = 8;
/** Far above any real record (a document is at most 16 MiB): a larger length can only be garbage. */
const MAX_PAYLOAD = 64 * 1024 * 1024;

export function encodeRecord(op: OpCode, meta: Doc, body?: Uint8Array): Buffer {
  const metaBytes = BSON.serialize(meta);
  const payloadLength = 1 + metaBytes.length + (body?.length ?? 0);
  const frame = Buffer.allocUnsafe(FRAME_HEADER + payloadLength);
  frame.writeUInt32LE(payloadLength, 0);
  frame.writeUInt8(op, FRAME_HEADER);
  frame.set(metaBytes, FRAME_HEADER + 1);
  if (body) frame.set(body, FRAME_HEADER + 1 + metaBytes.length);
  frame.writeUInt32LE(crc32(frame.subarray(FRAME_HEADER)), 4);
  return frame;
}

export type StoredRecord = { op: OpCode; meta: Doc; doc: Doc | undefined };

export type ReadResult = {
  records: StoredRecord[];
  /** Where the intact records end; equal to the file length unless the tail is damaged. */
  validBytes: number;
  /** Why the record at `validBytes` was refused, when the file does not end there. */
  damage: string | undefined;
};

function decodePayload(payload: Buffer): StoredRecord {
  const op = payload.readUInt8(0) as OpCode;
  if (op > Op.End) throw new Error(`unknown operation ${op}`);
  const metaLength = payload.readInt32LE(1);
  if (metaLength < 5 || 1 + metaLength > payload.length) throw new Error('meta document overruns the record');
  const meta = BSON.deserialize(payload.subarray(1, 1 + metaLength)) as Doc;
  const rest = payload.subarray(1 + metaLength);
  return { op, meta, doc: rest.length > 0 ? (BSON.deserialize(rest) as Doc) : undefined };
}

/** Reads records up to the first one that is incomplete or fails its checksum. */
export function readRecords(file: Buffer): ReadResult {
  const records: StoredRecord[] = [];
  let offset = 0;
  while (offset < file.length) {
    const fail = (reason: string): ReadResult => ({ records, validBytes: offset, damage: reason });
    if (file.length - offset < FRAME_HEADER) return fail('incomplete record header');
    const length = file.readUInt32LE(offset);
    if (length === 0 || length > MAX_PAYLOAD) return fail(`impossible record length ${length}`);
    const end = offset + FRAME_HEADER + length;
    if (end > file.length) return fail(`record of ${length} bytes cut short`);
    const payload = file.subarray(offset + FRAME_HEADER, end);
    if (crc32(payload) !== file.readUInt32LE(offset + 4)) return fail('checksum mismatch');
    try {
      records.push(decodePayload(payload));
    } catch (err) {
      return fail(`undecodable record: ${err instanceof Error ? err.message : String(err)}`);
    }
    offset = end;
  }
  return { records, validBytes: offset, damage: undefined };
}
