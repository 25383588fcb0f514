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

/** 31/05/2026 in nl-BE, fr-BE and en-GB, 31.05.2026 in de: day and month always two digits. */
export function formatNumericDate(date: string, locale: string): string {
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
