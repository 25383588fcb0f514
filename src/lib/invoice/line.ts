import { z } from 'zod';
import { DECIMAL_PATTERN, UNSIGNED_DECIMAL_PATTERN } from '$lib/money';
import { UNIT_CODE_PATTERN } from '$lib/units';

const PERCENT = /^(100(\.0+)?|\d{1,2}(\.\d{1,4})?)$/;

export const percentSchema = z
	.string()
	.regex(PERCENT, 'must be a percentage between 0 and 100 written like "2" or "2.5"');

/** UN/ECE Recommendation 20 (with rec. 21 "X…" codes) unit of measure, e.g. C62, HUR, DAY, KGM. */
export const unitCodeSchema = z
	.string()
	.regex(UNIT_CODE_PATTERN, 'must be a UN/ECE rec. 20 unit code such as "C62" or "HUR"');

/** BG-25 invoice line with a price. */
export const itemLineSchema = z.object({
	type: z.literal('item'),
	id: z.string().min(1).optional(),
	/** Catalogue item it came from, if any (not part of the legal content). */
	itemId: z.string().min(1).optional(),
	/** BT-153 item name / description of goods or services. */
	description: z.string().trim().min(1, 'must describe the goods or services'),
	/** BT-129, may be negative for returns. */
	quantity: z.string().regex(DECIMAL_PATTERN, 'must be a decimal number such as "1" or "2.5"'),
	/** BT-130. */
	unitCode: unitCodeSchema,
	/** BT-146 net unit price excl. VAT, never negative (BR-27). */
	unitPrice: z
		.string()
		.regex(UNSIGNED_DECIMAL_PATTERN, 'must be a non-negative decimal such as "12.50"'),
	/** Key into the VAT codes that travel with the invoice. */
	vatCodeId: z.string().min(1),
	/** Line allowance as a percentage of quantity × unit price (BG-27 with BT-138). */
	discountPercent: percentSchema.optional()
});

/** A line with text only (heading, remark); it keeps its place between item lines and has no amounts. */
export const textLineSchema = z.object({
	type: z.literal('text'),
	id: z.string().min(1).optional(),
	text: z.string().trim().min(1, 'must not be empty')
});

export const invoiceLineSchema = z.discriminatedUnion('type', [itemLineSchema, textLineSchema]);

export type ItemLine = z.infer<typeof itemLineSchema>;
export type TextLine = z.infer<typeof textLineSchema>;
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;
