import { z } from 'zod';
import { timestampSchema } from '$lib/contacts';

/** One delivery attempt; the relay's outbox reports these back. */
export const sendAttemptSchema = z.object({
	channel: z.enum(['peppol', 'email', 'download', 'share']),
	at: timestampSchema,
	result: z.enum(['queued', 'sending', 'sent', 'failed']),
	/** Peppol participant id or e-mail address. */
	recipient: z.string().min(1).optional(),
	/** Peppol message id or SMTP message id. */
	messageId: z.string().min(1).optional(),
	/** The access-point provider a Peppol delivery went through. */
	provider: z.object({ id: z.string().min(1), name: z.string().min(1) }).optional(),
	error: z.string().min(1).optional(),
	retryable: z.boolean().optional(),
	/** Which send of the invoice this belongs to: 0 (or absent) the first, n the n-th "send again". */
	resend: z.number().int().min(0).optional(),
	/** What the relay noted on the delivery, e.g. "be-b2b-not-on-peppol". */
	warnings: z.array(z.object({ code: z.string().min(1), message: z.string() })).optional()
});
export type SendAttempt = z.infer<typeof sendAttemptSchema>;
