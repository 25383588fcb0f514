import { z } from 'zod';
import { parsePattern, type NumberPattern } from './pattern';

const patternSchema = z.string().superRefine((pattern, context) => {
	try {
		parsePattern(pattern);
	} catch (error) {
		context.addIssue({ code: 'custom', message: (error as Error).message });
	}
});

/**
 * How a workspace numbers its documents. Credit notes share the invoice series unless the user
 * gives them their own (both are allowed, domain-belgium.md §1.2).
 */
export const numberingSettingsSchema = z.object({
	invoicePattern: patternSchema,
	/** Absent: credit notes take the next number of the invoice series. */
	creditNotePattern: patternSchema.optional()
});
export type NumberingSettings = z.infer<typeof numberingSettingsSchema>;

export const DEFAULT_NUMBERING: NumberingSettings = { invoicePattern: '{YYYY}-{SEQ:4}' };

export interface Series {
	/** Counter key: documents with the same key share one gap-free sequence. */
	id: 'invoice' | 'creditNote';
	pattern: NumberPattern;
}

export function seriesFor(type: 'invoice' | 'creditNote', settings: NumberingSettings): Series {
	if (type === 'creditNote' && settings.creditNotePattern) {
		return { id: 'creditNote', pattern: settings.creditNotePattern };
	}
	return { id: 'invoice', pattern: settings.invoicePattern };
}
