import { BSON } from 'bson';
import { crc32c } from './crc32c';
import { ProtocolError } from './errors';
import type { Doc } from './values';

export const OpCode = { REPLY: 1, QUERY: 2004, COMPRESSED: 2012, MSG: 2013 } as const;

export const HEADER_LENGTH = 16;
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
export const MAX_MESSAGE_SIZE_BYTES = 48_000_000;
export const MAX_WRITE_BATCH_SIZE = 100_000;

const FLAG_CHECKSUM_PRESENT = 1 << 0;
const FLAG_MORE_TO_COME = 1 << 1;
const FLAG_EXHAUST_ALLOWED = 1 << 16;
// Bits 0-15 are required: a receiver must reject a message with an unknown one set.
const KNOWN_REQUIRED_FLAGS = FLAG_CHECKSUM_PRESENT | FLAG_MORE_TO_COME;

export interface MessageHeader {
  messageLength: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export interface OpMsgRequest {
  kind: 'msg';
  header: MessageHeader;
  /** The kind-0 body with every kind-1 document sequence merged in under its identifier. */
  command: Doc;
  moreToCome: boolean;
  exhaustAllowed: boolean;
}

export interface OpQueryRequest {
  kind: 'query';
  header: MessageHeader;
  fullCollectionName: string;
  numberToSkip: number;
  numberToReturn: number;
  query: Doc;
}

export interface UnsupportedRequest {
  kind: 'unsupported';
  header: MessageHeader;
}

export type WireRequest = OpMsgRequest | OpQueryRequest | UnsupportedRequest;

export function readHeader(buffer: Buffer): MessageHeader {
  return {
    messageLength: buffer.readInt32LE(0),
    requestId: buffer.readInt32LE(4),
    responseTo: buffer.readInt32LE(8),
    opCode: buffer.readInt32LE(12),
  };
}

function readDocument(buffer: Buffer, offset: number, end: number): { doc: Doc; next: number } {
  if (offset + 5 > end) throw new ProtocolError('truncated BSON document');
  const size = buffer.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError(`invalid BSON document size ${size}`);
  const doc = BSON.deserialize(buffer.subarray(offset, offset + size)) as Doc;
  return { doc, next: offset + size };
}

function readCString(buffer: Buffer, offset: number, end: number): { value: string; next: number } {
  const zero = buffer.indexOf(0, offset);
  if (zero === -1 || zero >= end) throw new ProtocolError('unterminated cstring');
  return { value: buffer.toString('utf8', offset, zero), next: zero + 1 };
}

function decodeOpMsg(buffer: Buffer, header: MessageHeader): OpMsgRequest {
  const flagBits = buffer.readUInt32LE(HEADER_LENGTH);
  if ((flagBits & 0xffff & ~KNOWN_REQUIRED_FLAGS) !== 0) {
    throw new ProtocolError(`unsupported OP_MSG flag bits ${flagBits.toString(2)}`);
  }
  let end = buffer.length;
  if (flagBits & FLAG_CHECKSUM_PRESENT) {
    end -= 4;
    const expected = buffer.readUInt32LE(end);
    if (crc32c(buffer.subarray(0, end)) !== expected) throw new ProtocolError('OP_MSG checksum mismatch');
  }
  let offset = HEADER_LENGTH + 4;
  let body: Doc | undefined;
  const sequences = new Map<string, Doc[]>();
  while (offset < end) {
    const kind = buffer.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      if (body) throw new ProtocolError('OP_MSG contains more than one body section');
      const read = readDocument(buffer, offset, end);
      body = read.doc;
      offset = read.next;
    } else if (kind === 1) {
      const size = buffer.readInt32LE(offset);
      const sectionEnd = offset + size;
      if (size < 5 || sectionEnd > end) throw new ProtocolError(`invalid document sequence size ${size}`);
      const id = readCString(buffer, offset + 4, sectionEnd);
      if (sequences.has(id.value)) throw new ProtocolError(`duplicate document sequence '${id.value}'`);
      const docs: Doc[] = [];
      let cursor = id.next;
      while (cursor < sectionEnd) {
        const read = readDocument(buffer, cursor, sectionEnd);
        docs.push(read.doc);
        cursor = read.next;
      }
      sequences.set(id.value, docs);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new ProtocolError('OP_MSG has no body section');
  for (const [identifier, docs] of sequences) {
    if (identifier in body) throw new ProtocolError(`'${identifier}' is both in the body and a document sequence`);
    body[identifier] = docs;
  }
  return {
    kind: 'msg',
    header,
    command: body,
    moreToCome: (flagBits & FLAG_MORE_TO_COME) !== 0,
    exhaustAllowed: (flagBits & FLAG_EXHAUST_ALLOWED) !== 0,
  };
}

function decodeOpQuery(buffer: Buffer, header: MessageHeader): OpQueryRequest {
  let offset = HEADER_LENGTH + 4; // skip the flags: none of them changes how a command is answered
  const name = readCString(buffer, offset, buffer.length);
  offset = name.next;
  const numberToSkip = buffer.readInt32LE(offset);
  const numberToReturn = buffer.readInt32LE(offset + 4);
  const { doc } = readDocument(buffer, offset + 8, buffer.length);
  // Legacy drivers wrap the command when sending a read preference: { $query: {...}, $readPreference: {...} }.
  const query = '$query' in doc && doc.$query !== null && typeof doc.$query === 'object' ? (doc.$query as Doc) : doc;
  return { kind: 'query', header, fullCollectionName: name.value, numberToSkip, numberToReturn, query };
}

/** Decodes one complete message (header included). Throws ProtocolError when it is malformed. */
export function decodeMessage(buffer: Buffer): WireRequest {
  const header = readHeader(buffer);
  if (header.opCode === OpCode.MSG) return decodeOpMsg(buffer, header);
  if (header.opCode === OpCode.QUERY) return decodeOpQuery(buffer, header);
  return { kind: 'unsupported', header };
}

function writeHeader(buffer: Buffer, requestId: number, responseTo: number, opCode: number): void {
  buffer.writeInt32LE(buffer.length, 0);
  buffer.writeInt32LE(requestId, 4);
  buffer.writeInt32LE(responseTo, 8);
  buffer.writeInt32LE(opCode, 12);
}

export function encodeOpMsg(requestId: number, responseTo: number, reply: Doc): Buffer {
  const body = BSON.serialize(reply);
  const buffer = Buffer.alloc(HEADER_LENGTH + 4 + 1 + body.length);
  writeHeader(buffer, requestId, responseTo, OpCode.MSG);
  buffer.writeUInt32LE(0, HEADER_LENGTH);
  buffer.writeUInt8(0, HEADER_LENGTH + 4);
  buffer.set(body, HEADER_LENGTH + 5);
  return buffer;
}

/** OP_REPLY, only used to answer the legacy OP_QUERY handshake; command replies carry no cursor. */
export function encodeOpReply(requestId: number, responseTo: number, reply: Doc): Buffer {
  const body = BSON.serialize(reply);
  const fixed = HEADER_LENGTH + 4 + 8 + 4 + 4;
  const buffer = Buffer.alloc(fixed + body.length);
  writeHeader(buffer, requestId, responseTo, OpCode.REPLY);
  buffer.writeInt32LE(0, HEADER_LENGTH); // responseFlags
  buffer.writeBigInt64LE(0n, HEADER_LENGTH + 4); // cursorID
  buffer.writeInt32LE(0, HEADER_LENGTH + 12); // startingFrom
  buffer.writeInt32LE(1, HEADER_LENGTH + 16); // numberReturned
  buffer.set(body, fixed);
  return buffer;
}

/** Reassembles whole messages from TCP chunks, which may split or merge messages arbitrarily. */
export class MessageFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: Buffer[] = [];
    for (;;) {
      if (this.buffered < 4) break;
      const head = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : this.flatten();
      const length = head.readInt32LE(0);
      if (length < HEADER_LENGTH || length > MAX_MESSAGE_SIZE_BYTES) {
        throw new ProtocolError(`invalid message length ${length}`);
      }
      if (this.buffered < length) break;
      const all = this.flatten();
      messages.push(Buffer.from(all.subarray(0, length)));
      const rest = all.subarray(length);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
    }
    return messages;
  }

  private flatten(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] as Buffer;
  }
}
