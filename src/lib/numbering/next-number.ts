import type { IsoDate } from '$lib/invoice';
import {
	formatInvoiceNumber,
	NumberingError,
	parseInvoiceNumber,
	restartsYearly,
	type NumberPattern
} from './pattern';

export interface IssuedNumber {
	number: string;
	issueDate: IsoDate;
}

export interface NextNumber {
	number: string;
	sequence: number;
}

function sameYear(pattern: NumberPattern, last: IssuedNumber, issueDate: IsoDate): boolean {
	return !restartsYearly(pattern) || last.issueDate.slice(0, 4) === issueDate.slice(0, 4);
}

/**
 * The number the next document of a series gets, from the last one issued in it. Refuses an issue
 * date before the last one: numbers must be chronological (domain-belgium.md §1.2).
 */
export function nextInvoiceNumber(
	pattern: NumberPattern,
	last: IssuedNumber | undefined,
	issueDate: IsoDate
): NextNumber {
	if (!last) return { number: formatInvoiceNumber(pattern, 1, issueDate), sequence: 1 };
	if (issueDate < last.issueDate) {
		throw new NumberingError(
			'issueDate',
			`${issueDate} is before ${last.issueDate}, the date of ${last.number}; numbers must follow the dates`
		);
	}
	const parsed = parseInvoiceNumber(pattern, last.number);
	if (!parsed) {
		throw new NumberingError(
			'last.number',
			`"${last.number}" was not made with the pattern "${pattern}"`
		);
	}
	const sequence = sameYear(pattern, last, issueDate) ? parsed.sequence + 1 : 1;
	return { number: formatInvoiceNumber(pattern, sequence, issueDate), sequence };
}

export interface SeriesProblem {
	kind: 'unparseable' | 'duplicate' | 'gap' | 'out-of-order' | 'date-order' | 'wrong-year';
	/** Index into the list that was checked. */
	index: number;
	number: string;
	message: string;
}

function yearMatches(year: string, issueDate: IsoDate): boolean {
	return year.length === 4 ? issueDate.slice(0, 4) === year : issueDate.slice(2, 4) === year;
}

/**
 * Checks an issued series, in issue order, for what the law forbids: duplicates, gaps, numbers out
 * of order, dates that go back, and a year in the number that is not the issue year. Reports every
 * problem. The first entry may start anywhere: the list can be a slice of a longer series.
 */
export function checkSeries(
	pattern: NumberPattern,
	issued: readonly IssuedNumber[]
): SeriesProblem[] {
	const problems: SeriesProblem[] = [];
	const seen = new Set<string>();
	let previous: (IssuedNumber & { sequence: number }) | undefined;
	issued.forEach((entry, index) => {
		const report = (kind: SeriesProblem['kind'], message: string) =>
			problems.push({ kind, index, number: entry.number, message });
		const duplicate = seen.has(entry.number);
		if (duplicate) report('duplicate', `${entry.number} is used twice`);
		seen.add(entry.number);
		const parsed = parseInvoiceNumber(pattern, entry.number);
		if (!parsed) {
			report('unparseable', `${entry.number} does not follow the pattern "${pattern}"`);
			return;
		}
		if (parsed.year && !yearMatches(parsed.year, entry.issueDate)) {
			report(
				'wrong-year',
				`${entry.number} shows year ${parsed.year} but was issued on ${entry.issueDate}`
			);
		}
		if (previous) {
			if (entry.issueDate < previous.issueDate) {
				report(
					'date-order',
					`${entry.number} (${entry.issueDate}) is dated before ${previous.number} (${previous.issueDate})`
				);
			}
			const expected = sameYear(pattern, previous, entry.issueDate) ? previous.sequence + 1 : 1;
			if (!duplicate && parsed.sequence > expected) {
				report(
					'gap',
					`${entry.number} follows ${previous.number}; sequence ${expected} is missing`
				);
			} else if (!duplicate && parsed.sequence < expected) {
				report(
					'out-of-order',
					`${entry.number} follows ${previous.number}; expected sequence ${expected}`
				);
			}
		}
		previous = { ...entry, sequence: parsed.sequence };
	});
	return problems;
}
