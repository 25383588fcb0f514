/**
 * Dates for people, by Intl, in one place. A calendar date (`yyyy-mm-dd`, as invoices carry it)
 * has no time zone and is formatted as UTC midnight so no reader's zone can shift its day; a
 * moment (an ISO timestamp or epoch milliseconds) is shown in the reader's own zone.
 */

function calendarDay(date: string): Date {
	return new Date(`${date}T00:00:00Z`);
}

/**
 * Formatters by kind and locale: making one costs far more than formatting with it (a PDF
 * formats a dozen dates, a list hundreds), so each is made once.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
	kind: string,
	locale: string | undefined,
	options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
	const key = `${kind}|${locale ?? ''}`;
	let cached = formatters.get(key);
	if (!cached) {
		cached = new Intl.DateTimeFormat(locale, options);
		formatters.set(key, cached);
	}
	return cached;
}

/**
 * How the locales the documents are printed in write a numeric date, so that a PDF worker's first
 * invoice does not load ICU's locale data for it (tens of milliseconds in a fresh worker). Exactly
 * Intl's output (dates.spec.ts compares them); any other locale goes to Intl.
 */
const NUMERIC_DATE: Readonly<Record<string, (year: string, month: string, day: string) => string>> =
	{
		'nl-BE': (year, month, day) => `${day}/${month}/${year}`,
		'fr-BE': (year, month, day) => `${day}/${month}/${year}`,
		'en-GB': (year, month, day) => `${day}/${month}/${year}`,
		en: (year, month, day) => `${month}/${day}/${year}`,
		de: (year, month, day) => `${day}.${month}.${year}`,
		'de-DE': (year, month, day) => `${day}.${month}.${year}`
	};

const CALENDAR_DATE = /^([1-9]\d{3})-(\d{2})-(\d{2})$/;

/** The parts of a real calendar date from year 1000 on, or undefined. */
function dateParts(date: string): [year: string, month: string, day: string] | undefined {
	const match = CALENDAR_DATE.exec(date);
	if (!match) return undefined;
	const [, year = '', month = '', day = ''] = match;
	const moment = calendarDay(date);
	// 2026-02-30 is no date: Intl would write the day it rolls over to, or throw.
	if (moment.getUTCMonth() + 1 !== Number(month) || moment.getUTCDate() !== Number(day))
		return undefined;
	return [year, month, day];
}

/** 31/05/2026 in nl-BE, fr-BE and en-GB, 31.05.2026 in de: day and month always two digits. */
export function formatNumericDate(date: string, locale: string): string {
	const written = Object.hasOwn(NUMERIC_DATE, locale) ? NUMERIC_DATE[locale] : undefined;
	const parts = written && dateParts(date);
	if (written && parts) return written(...parts);
	return formatter('numeric', locale, {
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(calendarDay(date));
}

/** 16 juni 2026, 16 juin 2026, 16 June 2026: a date as the reader writes it in a letter. */
export function formatLongDate(date: string, locale: string): string {
	return formatter('long', locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
		calendarDay(date)
	);
}

/**
 * A moment with its date and time: `full` is what `toLocaleString` shows (with seconds),
 * `short` drops the seconds and shortens the date. An undefined locale is the browser's.
 */
export function formatDateTime(
	moment: string | number,
	locale: string | undefined,
	style: 'full' | 'short' = 'full'
): string {
	const options: Intl.DateTimeFormatOptions =
		style === 'short'
			? { dateStyle: 'short', timeStyle: 'short' }
			: {
					year: 'numeric',
					month: 'numeric',
					day: 'numeric',
					hour: 'numeric',
					minute: 'numeric',
					second: 'numeric'
				};
	return formatter(style, locale, options).format(
		typeof moment === 'number' ? moment : Date.parse(moment)
	);
}
