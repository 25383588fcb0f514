import { LANGUAGES } from '$lib/language';
import { z } from 'zod';
import { addressSchema } from '$lib/contacts';

const email = z.email('must be an e-mail address');

/** "0208:0123456749": ISO 6523 ICD (EAS) scheme, colon, identifier. */
export const peppolIdSchema = z
	.string()
	.regex(/^\d{4}:[^\s:]{1,100}$/, 'must be a Peppol participant id such as "0208:0123456749"');

/** BG-4 seller as it was when the invoice was issued; everything the legal mentions need. */
export const sellerSnapshotSchema = z.object({
	/** BT-27. */
	name: z.string().trim().min(1),
	/** BT-28 trading name, when different from the legal name. */
	tradingName: z.string().trim().min(1).optional(),
	/** Legal form (eenmanszaak / entreprise individuelle, BV/SRL…), BT-33 additional legal info. */
	legalForm: z.string().trim().min(1).optional(),
	address: addressSchema,
	/** BT-30 KBO/BCE enterprise number, 10 digits without "BE" or dots. */
	enterpriseNumber: z.string().regex(/^[01]\d{9}$/, 'must be 10 digits starting with 0 or 1'),
	/** BT-31 "BE0123456749"; absent for a seller under the small-business exemption scheme. */
	vatNumber: z
		.string()
		.regex(/^[A-Z]{2}[0-9A-Z+*.]{2,13}$/, 'must be a VAT number such as "BE0123456749"')
		.optional(),
	/** Small-business exemption scheme (art. 56bis WBTW): no VAT charged, "BTW 0123.456.749" without "BE". */
	smallBusinessExemption: z.boolean(),
	/** RPR/RPM + court seat, for legal persons (WVV art. 2:20). */
	registerOfLegalEntities: z.string().trim().min(1).optional(),
	/** BT-84. */
	iban: z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, 'must be an IBAN without spaces'),
	/** BT-86. */
	bic: z
		.string()
		.regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'must be a BIC of 8 or 11 characters')
		.optional(),
	/** BT-43. */
	email: email,
	/** BT-42. */
	phone: z.string().trim().min(1).optional(),
	website: z.string().trim().min(1).optional(),
	/** BT-34 endpoint. */
	peppolId: peppolIdSchema.optional()
});
export type SellerSnapshot = z.infer<typeof sellerSnapshotSchema>;

/** BG-7 buyer as it was when the invoice was issued. */
export const buyerSnapshotSchema = z.object({
	kind: z.enum(['business', 'private']),
	/** BT-44. */
	name: z.string().trim().min(1),
	/** BT-56 contact person. */
	contactName: z.string().trim().min(1).optional(),
	/** BT-48. */
	vatNumber: z
		.string()
		.regex(
			/^[A-Z]{2}[0-9A-Z+*.]{2,13}$/,
			'must be a VAT number such as "BE0123456749" or "NL123456789B01"'
		)
		.optional(),
	/** BT-47 KBO/BCE number for Belgian buyers. */
	enterpriseNumber: z
		.string()
		.regex(/^[01]\d{9}$/, 'must be 10 digits starting with 0 or 1')
		.optional(),
	address: addressSchema,
	/** BT-58. */
	email: email.optional(),
	phone: z.string().trim().min(1).optional(),
	/** Language the buyer reads; the invoice language may differ (language laws, §1.6). */
	language: z.enum(LANGUAGES).optional(),
	/** The reference the buyer asked us to quote (default for BT-10). */
	customerReference: z.string().trim().min(1).optional(),
	/** BT-49 endpoint. */
	peppolId: peppolIdSchema.optional()
});
export type BuyerSnapshot = z.infer<typeof buyerSnapshotSchema>;
