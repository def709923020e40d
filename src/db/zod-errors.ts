import type { z } from 'zod';
import { ValidationFailure } from './write-guard';

/** Parses with a schema, or throws a ValidationFailure naming each field's problem. */
export function parseOrFail<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || '_';
    fieldErrors[key] ??= issue.message;
  }
  throw new ValidationFailure(`${what} has problems: ${Object.values(fieldErrors).join('; ')}`, fieldErrors);
}
