/**
 * Dates typed and shown in the UI language, stored as ISO `YYYY-MM-DD`. Chromium's native
 * date input follows the browser's locale and ignores `lang`, so an English browser shows
 * mm/dd/yyyy to a Belgian user; these helpers give every UI language the day-month-year order
 * used in Belgium, with the placeholder letters of that language.
 */
const placeholders: Record<string, string> = {
	en: 'dd/mm/yyyy',
	nl: 'dd/mm/jjjj',
	fr: 'jj/mm/aaaa'
};

export function datePattern(locale: string): string {
	return placeholders[locale] ?? placeholders.en ?? 'dd/mm/yyyy';
}

/** `2026-12-06` → `06/12/2026`; anything that is not an ISO date is returned unchanged. */
export function formatLocalDate(iso: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/**
 * Reads day, month and year separated by `/`, `-`, `.` or a space (a two-digit year is in
 * this century) and returns the ISO date, or undefined when it is no real calendar date.
 */
export function parseLocalDate(text: string): string | undefined {
	const match = /^\s*(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})\s*$/.exec(text);
	if (!match) return undefined;
	const day = Number(match[1]);
	const month = Number(match[2]);
	const year = match[3]?.length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
	const date = new Date(Date.UTC(year, month - 1, day));
	if (
		date.getUTCFullYear() !== year ||
		date.getUTCMonth() !== month - 1 ||
		date.getUTCDate() !== day
	)
		return undefined;
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
