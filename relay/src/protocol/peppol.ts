import { z } from 'zod';
import { isoDateTimeSchema } from './common.js';
import { buyerSchema, ublDocumentTypeSchema } from './outbox.js';

/** POST …/peppol/lookup — feeds the contact's Peppol badge. */
export const peppolLookupRequestSchema = z.strictObject({
	buyer: z
		.strictObject({
			country: buyerSchema.shape.country,
			vatNumber: buyerSchema.shape.vatNumber,
			enterpriseNumber: buyerSchema.shape.enterpriseNumber,
			peppolId: buyerSchema.shape.peppolId
		})
		.refine((b) => b.vatNumber ?? b.enterpriseNumber ?? b.peppolId, {
			message: 'needs a vatNumber, enterpriseNumber or peppolId'
		}),
	documentType: ublDocumentTypeSchema.default('invoice'),
	/** "Check now": ask the SML and SMP again instead of answering from the cache. */
	fresh: z.boolean().default(false)
});
export type PeppolLookupRequest = z.input<typeof peppolLookupRequestSchema>;

/** "unknown" means the SML or SMP could not be asked: show it as unknown, never as "not on Peppol". */
export const peppolLookupResultSchema = z.object({
	status: z.enum(['registered', 'not-registered', 'unknown']),
	participantId: z.string().nullable(),
	candidates: z.array(z.string()),
	supports: z.object({ invoice: z.boolean(), creditNote: z.boolean() }),
	smpUrl: z.string().nullable(),
	checkedAt: isoDateTimeSchema,
	reason: z.string().nullable()
});
export type PeppolLookupResult = z.infer<typeof peppolLookupResultSchema>;
