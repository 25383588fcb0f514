import type { FormLine } from '$lib/document';
import type { Occurrence } from './schedule';

/** Written in a line's description or text, it becomes the period the invoice is for. */
export const PERIOD_PLACEHOLDER = '{period}';

function utcDay(date: string): Date {
	return new Date(`${date}T00:00:00Z`);
}

/** "March 2027", "March – May 2027", "maart 2027 – februari 2028": the months an invoice covers. */
export function periodText(
	occurrence: Pick<Occurrence, 'periodStart' | 'periodEnd'>,
	locale: string
): string {
	const format = new Intl.DateTimeFormat(locale, {
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	});
	return format.formatRange(utcDay(occurrence.periodStart), utcDay(occurrence.periodEnd));
}

export function wantsPeriod(lines: readonly FormLine[]): boolean {
	return lines.some((line) =>
		(line.type === 'item' ? line.description : line.text).includes(PERIOD_PLACEHOLDER)
	);
}

/** The template's lines with every {period} replaced; lines without it stay as they are. */
export function linesForPeriod(lines: readonly FormLine[], period: string): FormLine[] {
	return lines.map((line) =>
		line.type === 'item'
			? { ...line, description: line.description.replaceAll(PERIOD_PLACEHOLDER, period) }
			: { ...line, text: line.text.replaceAll(PERIOD_PLACEHOLDER, period) }
	);
}
