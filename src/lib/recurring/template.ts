import { z } from 'zod';
import { recordMetaSchema } from '$lib/contacts';
import { formLineSchema } from '$lib/document';
import { isoDateSchema } from '$lib/invoice';
import { LANGUAGES } from '$lib/language';
import { paymentTermsSchema } from '$lib/payment';
import { scheduleSchema } from './schedule';

export const RECURRING_SCHEMA_VERSION = 1;

/** "drafts": each due invoice waits as a draft; "issueAndSend": the user chose to let it go out. */
export const RECURRING_MODES = ['drafts', 'issueAndSend'] as const;
export type RecurringMode = (typeof RECURRING_MODES)[number];

/**
 * A recurring invoice: what every invoice it makes holds (the customer, lines as the editor
 * keeps them, notes, references, payment terms) and when it makes one. `lastMade` is the date of
 * the newest occurrence already made, so none is made twice and a paused or closed app catches up.
 */
export const recurringTemplateSchema = recordMetaSchema.extend({
	name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
	contactId: z.string().min(1, 'must name a contact'),
	language: z.enum(LANGUAGES).optional(),
	lines: z.array(formLineSchema).min(1, 'must have at least one line'),
	/** The notation the lines' numbers were typed in ("85,5" or "85.5"), so every device reads them alike. */
	notation: z.enum(LANGUAGES),
	notes: z.string().max(5000, 'must be at most 5000 characters'),
	buyerReference: z.string().max(200, 'must be at most 200 characters'),
	orderReference: z.string().max(200, 'must be at most 200 characters'),
	cashDiscount: z.boolean(),
	/** Absent: the seller's payment terms at the time each invoice is made. */
	paymentTerms: paymentTermsSchema.optional(),
	schedule: scheduleSchema,
	mode: z.enum(RECURRING_MODES),
	paused: z.boolean(),
	lastMade: isoDateSchema.optional(),
	/** The invoice it was made from with "Make recurring", if any. */
	sourceInvoiceId: z.string().min(1).optional()
});
export type RecurringTemplate = z.infer<typeof recurringTemplateSchema>;

export interface FieldProblem {
	/** Dotted path of the field, e.g. "schedule.dayOfMonth". */
	path: string;
	message: string;
}

/** Every problem of a template as typed, each naming its field and the rule it breaks. */
export function templateProblems(value: unknown): FieldProblem[] {
	const parsed = recurringTemplateSchema.safeParse(value);
	if (parsed.success) return [];
	return parsed.error.issues.map((issue) => ({
		path: issue.path.map(String).join('.'),
		message: issue.message
	}));
}
