import { z } from 'zod';
import { invoiceIdSchema, isoDateSchema, isoDateTimeSchema, seriesIdSchema } from './common';

/** POST …/series/:seriesId/issue — idempotent by invoiceId. */
export const issueRequestSchema = z.strictObject({
	invoiceId: invoiceIdSchema,
	issueDate: isoDateSchema
});
export type IssueRequest = z.infer<typeof issueRequestSchema>;

/** 201 when newly issued, 200 when replayed; issueDate may be later than asked (never earlier than the series' last). */
export const issueResponseSchema = z.object({
	invoiceId: invoiceIdSchema,
	seriesId: seriesIdSchema,
	number: z.number().int().min(1),
	issueDate: isoDateSchema,
	issuedAt: isoDateTimeSchema,
	replayed: z.boolean()
});
export type IssueResponse = z.infer<typeof issueResponseSchema>;

/** GET …/series/:seriesId, and the body of PUT (seed from the local counter) minus seriesId. */
export const seriesStateSchema = z.object({
	seriesId: seriesIdSchema,
	lastNumber: z.number().int().min(0),
	lastIssueDate: isoDateSchema.nullable()
});
export type SeriesState = z.infer<typeof seriesStateSchema>;

export const seedSeriesRequestSchema = z.strictObject({
	lastNumber: z
		.number()
		.int()
		.min(0)
		.max(Number.MAX_SAFE_INTEGER - 1),
	lastIssueDate: isoDateSchema.nullable()
});
export type SeedSeriesRequest = z.infer<typeof seedSeriesRequestSchema>;
