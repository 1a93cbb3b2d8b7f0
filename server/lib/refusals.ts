import { AppError, ConflictError, ValidationError, type FieldErrors } from './errors';

/** A refusal a person can act on: the page shows its form again with the messages, not an error page. */
export type Refusal = {
  /** 422 for input that cannot be accepted, 409 for a change made in between, 413 for too much. */
  status: 409 | 413 | 422;
  /** The translation key of the message above the form. */
  message: string;
  code: string;
  /** Messages by field (empty when the refusal is about the whole form). */
  fields: FieldErrors;
  error: AppError;
};

/** Whether a use case's error is one the form can explain, and how. */
export function refusalOf(err: unknown): Refusal | undefined {
  if (err instanceof ValidationError) return { status: 422, message: err.message, code: err.code, fields: err.fields, error: err };
  if (err instanceof ConflictError) return { status: 409, message: err.message, code: err.code, fields: {}, error: err };
  if (err instanceof AppError && err.status === 413) return { status: 413, message: err.message, code: err.code, fields: {}, error: err };
  return undefined;
}

/**
 * "The service refused: re-render the form with its messages." Runs a use case; when it refuses in a way
 * the person can fix (see refusalOf, narrowed by `accept`), `rerender` shows the form again with the
 * messages and everything typed, and undefined is returned. Any other error goes on to the error middleware.
 */
export async function orRerender<T>(
  run: () => Promise<T>,
  rerender: (refusal: Refusal) => Promise<unknown>,
  accept: (refusal: Refusal) => boolean = () => true,
): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    const refusal = refusalOf(err);
    if (!refusal || !accept(refusal)) throw err;
    await rerender(refusal);
    return { ok: false };
  }
}
