import type { z } from 'zod';
import { invalidRequest } from '../http/errors.js';

/** Parses with the schema or throws a 400 that names every failing field. */
export function validate<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
	const result = schema.safeParse(value);
	if (!result.success) throw invalidRequest(result.error);
	return result.data;
}
