import { canonicalKey, isPlainObject } from './values';

export const LOGICAL_SESSION_TIMEOUT_MINUTES = 30;

/**
 * Logical sessions seen on commands (`lsid`). The server has no transactions, so a session only matters for
 * the cursors opened in it: `endSessions`, or 30 idle minutes, kills them.
 */
export class SessionRegistry {
  private readonly lastUse = new Map<string, number>();

  get size(): number {
    return this.lastUse.size;
  }

  static keyOf(lsid: unknown): string | undefined {
    return isPlainObject(lsid) && lsid.id !== undefined ? canonicalKey(lsid.id) : undefined;
  }

  touch(lsid: unknown, now = Date.now()): string | undefined {
    const key = SessionRegistry.keyOf(lsid);
    if (key !== undefined) this.lastUse.set(key, now);
    return key;
  }

  end(lsids: readonly unknown[]): Set<string> {
    const ended = new Set<string>();
    for (const lsid of lsids) {
      const key = SessionRegistry.keyOf(lsid);
      if (key !== undefined && this.lastUse.delete(key)) ended.add(key);
    }
    return ended;
  }

  /** Returns the sessions that timed out, so their cursors can be killed too. */
  sweep(now = Date.now()): Set<string> {
    const expired = new Set<string>();
    const timeoutMs = LOGICAL_SESSION_TIMEOUT_MINUTES * 60 * 1000;
    for (const [key, used] of this.lastUse) {
      if (now - used >= timeoutMs) {
        this.lastUse.delete(key);
        expired.add(key);
      }
    }
    return expired;
  }

  clear(): void {
    this.lastUse.clear();
  }
}
