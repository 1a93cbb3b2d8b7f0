import { randomBytes } from 'node:crypto';
import { Long } from 'bson';
import { CommandError } from './errors';
import { MAX_BSON_OBJECT_SIZE } from './wire-protocol';
import { documentSize, type Doc } from './values';

export const DEFAULT_FIRST_BATCH_SIZE = 101;
/** mongod reaps cursors left idle for 10 minutes (cursorTimeoutMillis). */
export const CURSOR_IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface CursorState {
  readonly id: bigint;
  readonly ns: string;
  readonly docs: readonly Doc[];
  readonly sessionKey: string | undefined;
  position: number;
  lastUsed: number;
}

export interface CursorReply {
  id: Long;
  ns: string;
  batch: Doc[];
}

export interface OpenCursorOptions {
  batchSize?: number;
  singleBatch?: boolean;
  sessionKey?: string;
}

export function parseCursorId(value: unknown, field: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (value instanceof Long) return value.toBigInt();
  throw new CommandError('TypeMismatch', `Field '${field}' must be of type long`);
}

/**
 * Server-side cursors over materialised result sets. The results are computed when the cursor opens; since
 * stored documents are immutable the batches stay consistent whatever writes happen in between.
 */
export class CursorManager {
  private readonly cursors = new Map<bigint, CursorState>();

  get size(): number {
    return this.cursors.size;
  }

  open(ns: string, docs: readonly Doc[], options: OpenCursorOptions = {}): CursorReply {
    const state: CursorState = {
      id: this.newId(),
      ns,
      docs,
      sessionKey: options.sessionKey,
      position: 0,
      lastUsed: Date.now(),
    };
    const batch = this.take(state, options.batchSize ?? DEFAULT_FIRST_BATCH_SIZE);
    if (options.singleBatch || state.position >= docs.length) return { id: Long.ZERO, ns, batch };
    this.cursors.set(state.id, state);
    return { id: Long.fromBigInt(state.id), ns, batch };
  }

  getMore(rawId: unknown, ns: string, batchSize: number | undefined): CursorReply {
    const id = parseCursorId(rawId, 'getMore');
    const state = this.cursors.get(id);
    if (!state) throw new CommandError('CursorNotFound', `cursor id ${id} not found`);
    if (state.ns !== ns) {
      throw new CommandError(
        'Unauthorized',
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${state.ns}`,
      );
    }
    state.lastUsed = Date.now();
    const batch = this.take(state, batchSize && batchSize > 0 ? batchSize : Number.POSITIVE_INFINITY);
    if (state.position >= state.docs.length) {
      this.cursors.delete(id);
      return { id: Long.ZERO, ns, batch };
    }
    return { id: Long.fromBigInt(id), ns, batch };
  }

  kill(ns: string, rawIds: unknown[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const raw of rawIds) {
      const id = parseCursorId(raw, 'cursors');
      const state = this.cursors.get(id);
      if (state && state.ns === ns) {
        this.cursors.delete(id);
        killed.push(Long.fromBigInt(id));
      } else {
        notFound.push(Long.fromBigInt(id));
      }
    }
    return { killed, notFound };
  }

  /** Ending a session kills the cursors opened in it, as mongod does. */
  killSessionCursors(sessionKeys: ReadonlySet<string>): void {
    for (const [id, state] of this.cursors) {
      if (state.sessionKey !== undefined && sessionKeys.has(state.sessionKey)) this.cursors.delete(id);
    }
  }

  killNamespace(predicate: (ns: string) => boolean): void {
    for (const [id, state] of this.cursors) if (predicate(state.ns)) this.cursors.delete(id);
  }

  sweep(now = Date.now()): void {
    for (const [id, state] of this.cursors) {
      if (now - state.lastUsed >= CURSOR_IDLE_TIMEOUT_MS) this.cursors.delete(id);
    }
  }

  clear(): void {
    this.cursors.clear();
  }

  /** A batch holds up to `limit` documents and, like mongod's, stays under 16 MiB (but always makes progress). */
  private take(state: CursorState, limit: number): Doc[] {
    const batch: Doc[] = [];
    let bytes = 0;
    while (batch.length < limit && state.position < state.docs.length) {
      const doc = state.docs[state.position] as Doc;
      const size = documentSize(doc);
      if (batch.length > 0 && bytes + size > MAX_BSON_OBJECT_SIZE) break;
      batch.push(doc);
      bytes += size;
      state.position += 1;
    }
    return batch;
  }

  private newId(): bigint {
    for (;;) {
      // Positive, non-zero 63-bit ids: zero means "exhausted" on the wire.
      const id = randomBytes(8).readBigUInt64LE() & 0x7fff_ffff_ffff_ffffn;
      if (id !== 0n && !this.cursors.has(id)) return id;
    }
  }
}
