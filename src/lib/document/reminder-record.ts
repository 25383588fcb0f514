import { z } from 'zod';
import { LANGUAGES } from '$lib/language';
import { isoDateSchema } from '$lib/invoice';
import { timestampSchema } from '$lib/contacts';
import { sendAttemptSchema } from './send-attempt';

const cents = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * A payment reminder for an invoice: its own document with its own id (the relay's idempotency
 * key), kept on the invoice it reminds of so it syncs with it. What it stated is frozen here.
 */
export const reminderRecordSchema = z.object({
	id: z.string().uuid(),
	/** 1 for the first reminder of the invoice, 2 for the second, … */
	step: z.number().int().min(1).max(10),
	createdAt: timestampSchema,
	/** The day its amounts were computed for. */
	date: isoDateSchema,
	language: z.enum(LANGUAGES),
	amountDueCents: cents,
	/** What credit notes had taken off the invoice when it was made. */
	creditedCents: cents,
	daysOverdue: z.number().int().min(0),
	interestCents: cents,
	flatCents: cents,
	rule: z.enum(['consumer', 'business']),
	/** The e-mail as sent, so a retry sends the same words. */
	subject: z.string().min(1).max(300),
	body: z.string().min(1).max(20_000),
	sendHistory: z.array(sendAttemptSchema)
});
export type ReminderRecord = z.infer<typeof reminderRecordSchema>;
