import { z } from 'zod';
import { invoiceIdSchema, isoDateSchema, isoDateTimeSchema, seriesIdSchema } from './common.js';

/**
 * An invoice number has at most nine digits. A series that reached it answers 409
 * `series-exhausted` (field seriesId); number new invoices in a new series.
 */
export const MAX_SERIES_NUMBER = 999_999_999;

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
	number: z.number().int().min(1).max(MAX_SERIES_NUMBER),
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
		.number({ message: 'must be a whole number' })
		.int('must be a whole number')
		.min(0, 'must be 0 or more')
		.max(MAX_SERIES_NUMBER, `must be at most ${MAX_SERIES_NUMBER} (nine digits)`),
	lastIssueDate: isoDateSchema.nullable()
});
export type SeedSeriesRequest = z.infer<typeof seedSeriesRequestSchema>;
