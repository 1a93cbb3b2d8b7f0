import { z } from 'zod';
import { AUDIT_ACTIONS } from './audit.model';

export const AUDIT_PER_PAGE = 50;

// A filter left at "any" or empty arrives as an empty value.
const blankAsMissing = (value: unknown) => (value === '' ? undefined : value);

const isCalendarDate = (value: string) => {
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

const dayField = z.preprocess(
  blankAsMissing,
  z
    .string({ error: 'audit.error.date' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'audit.error.date')
    .refine(isCalendarDate, 'audit.error.date')
    .optional(),
);

/**
 * The audit filters. Dates are typed by people (not every browser offers a date picker), so every
 * invalid filter re-renders the form with messages beside the fields (422), never a bare 400.
 */
export const auditQuery = z
  .object({
    action: z.preprocess(blankAsMissing, z.enum(AUDIT_ACTIONS, { error: 'audit.error.action' }).optional()),
    actor: z.preprocess(
      blankAsMissing,
      z
        .string({ error: 'form.error.email' })
        .trim()
        .toLowerCase()
        .pipe(z.email({ error: 'form.error.email' }).max(254))
        .optional(),
    ),
    from: dayField,
    to: dayField,
    page: z.preprocess(
      blankAsMissing,
      z.coerce
        .number({ error: 'audit.error.page' })
        .int('audit.error.page')
        .min(1, 'audit.error.page')
        .max(1_000_000, 'audit.error.page')
        .default(1),
    ),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'audit.error.range' });

export type AuditQuery = z.infer<typeof auditQuery>;

/** Whole days in UTC, both ends included. */
export const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
export const dayEnd = (day: string) => new Date(`${day}T23:59:59.999Z`);
