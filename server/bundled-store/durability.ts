/**
 * When a reply may go out. In memory, at once; in the durable mode, once the journal has the command's changes on
 * disk. Replies on one connection are released in the order their commands ran, so a client never sees a later
 * answer before an earlier one, and no reply reports data that a crash could still take back.
 */
export interface Durability {
  whenDurable(done: (ok: boolean) => void): void;
  /** Set once the disk refused a write: from then on the store answers nothing. */
  readonly failure: Error | undefined;
}

export const inMemory: Durability = Object.freeze({
  whenDurable: (done: (ok: boolean) => void) => done(true),
  failure: undefined,
});
