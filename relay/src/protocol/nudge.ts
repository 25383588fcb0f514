import { z } from 'zod';
import { invoiceCountSchema, isoDateSchema } from './common.js';

/** At most this many due dates per workspace: a year of monthly templates, with room. */
export const NUDGE_MAX_DUES = 100;

/**
 * One day on which recurring invoices fall due, and how many. Dates and counts are all the relay
 * learns: no template, customer or amount.
 */
export const nudgeDueSchema = z.object({
	date: isoDateSchema,
	count: invoiceCountSchema
});
export type NudgeDue = z.infer<typeof nudgeDueSchema>;

export const nudgeDuesSchema = z
	.array(nudgeDueSchema)
	.max(NUDGE_MAX_DUES, `must hold at most ${NUDGE_MAX_DUES} dates`)
	.superRefine((dues, context) => {
		const seen = new Set<string>();
		dues.forEach((due, index) => {
			if (seen.has(due.date))
				context.addIssue({
					code: 'custom',
					path: [index, 'date'],
					message: 'must appear once (add the counts up)'
				});
			seen.add(due.date);
		});
	});

/** PUT …/nudge: opts in (or changes the address) and sets the due dates in one go. */
export const nudgeSubscribeRequestSchema = z.object({
	email: z
		.email({ message: 'must be an e-mail address' })
		.max(254, 'must be at most 254 characters'),
	dues: nudgeDuesSchema
});
export type NudgeSubscribeRequest = z.infer<typeof nudgeSubscribeRequestSchema>;

/** PUT …/nudge/dues: a device tells the relay the upcoming due dates (kept only when opted in). */
export const nudgeDuesRequestSchema = z.object({ dues: nudgeDuesSchema });
export type NudgeDuesRequest = z.infer<typeof nudgeDuesRequestSchema>;

/** GET …/nudge and the answer to both PUTs: the opted-in address (null: not opted in). */
export const nudgeStatusSchema = z.object({
	email: z.string().nullable(),
	/** How many due dates the relay holds for the workspace. */
	dates: z.number().int().min(0)
});
export type NudgeStatus = z.infer<typeof nudgeStatusSchema>;
