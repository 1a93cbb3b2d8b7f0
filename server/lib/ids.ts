import { z } from 'zod';
import { NotFoundError } from './errors';

const idParams = z.object({ id: z.string().regex(/^[0-9a-fA-F]{24}$/) });

/**
 * The record id from a route's `:id`. Something that cannot be an ObjectId names no record, so it
 * answers 404 like a missing one, instead of failing later as a cast error (500).
 */
export function recordIdFrom(params: unknown): string {
  const parsed = idParams.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id.toLowerCase();
}
