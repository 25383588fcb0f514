import { z } from 'zod';
import { UNSIGNED_DECIMAL_PATTERN } from '$lib/money';
import { recordMetaSchema } from '$lib/contacts';
import { UNIT_CODE_PATTERN } from '$lib/units';

export const ITEM_SCHEMA_VERSION = 1;

const itemBase = recordMetaSchema.extend({
	name: z.string().trim().min(1, 'name is required'),
	description: z.string().trim().min(1).optional(),
	archived: z.boolean().optional()
});

/** A catalogue entry that becomes an invoice line when picked. */
export const itemSchema = z.discriminatedUnion('kind', [
	itemBase.extend({
		kind: z.literal('priced'),
		/** UN/ECE rec. 20 unit code. */
		unitCode: z
			.string()
			.regex(UNIT_CODE_PATTERN, 'must be a UN/ECE rec. 20 unit code such as "HUR"'),
		vatCodeId: z.string().min(1),
		unitPrice: z
			.string()
			.regex(UNSIGNED_DECIMAL_PATTERN, 'must be a non-negative decimal such as "65"')
	}),
	/** A reusable text block (no price); it becomes a text line. */
	itemBase.extend({ kind: z.literal('text') })
]);
export type Item = z.infer<typeof itemSchema>;
