import { z } from 'zod';
import { parsePattern, restartsYearly, type NumberPattern } from './pattern';

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
	creditNotePattern: patternSchema.optional(),
	/** Quotes always have their own series (no tax rule applies, but unique and ordered). */
	quotePattern: patternSchema.optional()
});
export type NumberingSettings = z.infer<typeof numberingSettingsSchema>;

export const DEFAULT_NUMBERING: NumberingSettings = { invoicePattern: '{YYYY}-{SEQ:4}' };

export const DEFAULT_QUOTE_PATTERN: NumberPattern = 'Q-{YYYY}-{SEQ:4}';

export type SeriesId = 'invoice' | 'creditNote' | 'quote';

export interface Series<Id extends SeriesId = SeriesId> {
	/** Counter key: documents with the same key share one gap-free sequence. */
	id: Id;
	pattern: NumberPattern;
}

export function seriesFor(type: 'quote', settings: NumberingSettings): Series<'quote'>;
export function seriesFor(
	type: 'invoice' | 'creditNote',
	settings: NumberingSettings
): Series<'invoice' | 'creditNote'>;
export function seriesFor(type: SeriesId, settings: NumberingSettings): Series;
export function seriesFor(type: SeriesId, settings: NumberingSettings): Series {
	if (type === 'quote') {
		return { id: 'quote', pattern: settings.quotePattern ?? DEFAULT_QUOTE_PATTERN };
	}
	if (type === 'creditNote' && settings.creditNotePattern) {
		return { id: 'creditNote', pattern: settings.creditNotePattern };
	}
	return { id: 'invoice', pattern: settings.invoicePattern };
}

/**
 * The relay keeps one plain counter per series id. A pattern that restarts every year ({YYYY})
 * therefore numbers each year in its own relay series: "invoice-2026", "invoice-2027".
 */
export function relaySeriesId(series: string, pattern: NumberPattern, issueDate: string): string {
	return restartsYearly(pattern) ? `${series}-${issueDate.slice(0, 4)}` : series;
}

/**
 * The relay series a local counter continues in when sync is first turned on, with the
 * workspace's patterns (a counter that never issued counts as 1970, the first year possible).
 */
export function relaySeriesOfCounter(
	settings: NumberingSettings
): (counter: { series: string; lastIssueDate: string | null }) => string {
	return (counter) => {
		const pattern =
			counter.series === 'quote'
				? (settings.quotePattern ?? DEFAULT_QUOTE_PATTERN)
				: counter.series === 'creditNote' && settings.creditNotePattern
					? settings.creditNotePattern
					: settings.invoicePattern;
		return relaySeriesId(counter.series, pattern, counter.lastIssueDate ?? '1970-01-01');
	};
}
