import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { addFieldErrors, fieldErrorMap, ValidationError, type FieldErrors } from './errors';

export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields = fieldErrorMap();
  for (const issue of error.issues) {
    addFieldErrors(fields, issue.path.join('.') || '_form', issue.message);
  }
  return fields;
}

type Source = 'query' | 'params' | 'body';

/**
 * Parses one part of the request with a zod schema and leaves the result in res.locals[source]
 * (Express 5 makes req.query read-only, and handlers should only ever see parsed input).
 */
export function validate<S extends z.ZodType>(source: Source, schema: S): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const parsed = schema.safeParse(req[source] ?? {});
    if (!parsed.success) {
      next(new ValidationError('error.message.validation', fieldErrors(parsed.error)));
      return;
    }
    res.locals[source] = parsed.data;
    next();
  };
}
