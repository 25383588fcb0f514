import { LANGUAGES } from '$lib/language';
import { z } from 'zod';
import { addressSchema } from './address';
import { recordMetaSchema, timestampSchema } from './record-meta';

export const CONTACT_SCHEMA_VERSION = 1;

/** Last Peppol lookup for a contact; re-checked before each send. */
export const peppolStatusSchema = z.object({
	/** "unknown" when the lookup failed (timeout, SERVFAIL), which is not "no". */
	registered: z.union([z.boolean(), z.literal('unknown')]),
	/** The participant id that answered, e.g. "0208:0123456749". */
	participantId: z.string().optional(),
	checkedAt: timestampSchema
});
export type PeppolStatus = z.infer<typeof peppolStatusSchema>;

/** A customer in the address book. Fields may still be incomplete; checks run when invoicing. */
export const contactSchema = recordMetaSchema.extend({
	kind: z.enum(['business', 'private']),
	name: z.string().trim().min(1, 'name is required'),
	contactName: z.string().trim().min(1).optional(),
	vatNumber: z.string().trim().min(1).optional(),
	enterpriseNumber: z.string().trim().min(1).optional(),
	address: addressSchema.partial().extend({ countryCode: addressSchema.shape.countryCode }),
	email: z.email('must be an e-mail address').optional(),
	phone: z.string().trim().min(1).optional(),
	language: z.enum(LANGUAGES),
	customerReference: z.string().trim().min(1).optional(),
	peppolId: z.string().trim().min(1).optional(),
	peppolStatus: peppolStatusSchema.optional(),
	archived: z.boolean().optional()
});
export type Contact = z.infer<typeof contactSchema>;
