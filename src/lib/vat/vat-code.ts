import { localizedTextSchema } from '$lib/language';
import { z } from 'zod';
import { VAT_CATEGORIES, requiresExemptionReason } from './category';

export const VAT_RATE_PATTERN = /^\d{1,2}(\.\d{1,2})?$/;

/**
 * A VAT code as the user picks it on a line. Codes are data so a rate change (such as those of
 * 1 March 2026) is an edit, not a release.
 */
export const vatCodeSchema = z
	.object({
		id: z.string().min(1).max(64),
		/** BT-152 / BT-119: percentage as a decimal string, "21", "0". */
		rate: z.string().regex(VAT_RATE_PATTERN, 'rate must be a percentage such as "21" or "5.5"'),
		/** BT-151 / BT-118: UNCL5305 code. */
		category: z.enum(VAT_CATEGORIES),
		/** BT-121: VATEX code, e.g. "VATEX-EU-AE". */
		vatex: z
			.string()
			.regex(/^VATEX-[A-Z]{2}-[A-Z0-9-]+$/, 'vatex must be a VATEX code such as "VATEX-EU-AE"')
			.optional(),
		/** BT-120: short exemption reason per language, for the VAT breakdown. */
		exemptionReason: localizedTextSchema.optional(),
		label: localizedTextSchema,
		/** Legal mention the invoice must carry when this code is used (printed and put in the UBL note). */
		mention: localizedTextSchema.optional(),
		/** Marks the small-business exemption scheme (art. 56bis WBTW): the seller charges no VAT at all. */
		smallBusinessScheme: z.boolean().optional()
	})
	.superRefine((code, context) => {
		const zero = Number(code.rate) === 0;
		if (code.category === 'S' && zero) {
			context.addIssue({
				code: 'custom',
				path: ['rate'],
				message: 'category S needs a rate above 0 % (use Z for 0 %)'
			});
		}
		if (code.category !== 'S' && !zero) {
			context.addIssue({
				code: 'custom',
				path: ['rate'],
				message: `category ${code.category} is always 0 %`
			});
		}
		if (requiresExemptionReason(code.category)) {
			if (!code.exemptionReason && !code.vatex) {
				context.addIssue({
					code: 'custom',
					path: ['exemptionReason'],
					message: `category ${code.category} needs an exemption reason or a VATEX code (BR-${code.category === 'K' ? 'IC' : code.category}-10)`
				});
			}
		} else if (code.exemptionReason || code.vatex) {
			context.addIssue({
				code: 'custom',
				path: [code.vatex ? 'vatex' : 'exemptionReason'],
				message: `category ${code.category} must not carry an exemption reason (BR-${code.category}-10)`
			});
		}
	});

export type VatCode = z.infer<typeof vatCodeSchema>;
