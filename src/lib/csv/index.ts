/**
 * CSV (RFC 4180: CRLF lines, fields quoted when they hold a quote, a separator or a line break)
 * for the files people open in a spreadsheet. Quoting covers both `,` and `;`, because a Belgian
 * spreadsheet may split on either whatever the file says.
 */

/** What a spreadsheet would run as a formula (CWE-1236), unless the cell is just a number. */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * One cell, safe to open: a customer named `=HYPERLINK(…)` is shown as text, not run. The leading
 * apostrophe is the OWASP advice; a signed amount such as `-12.50` stays a number.
 */
export function csvCell(value: string): string {
	const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
	return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface CsvOptions {
	separator?: ',' | ';';
	/** A UTF-8 byte order mark, so Excel reads accents right. */
	byteOrderMark?: boolean;
}

export function toCsv(
	rows: readonly (readonly string[])[],
	{ separator = ',', byteOrderMark = false }: CsvOptions = {}
): string {
	const lines = rows.map((row) => row.map(csvCell).join(separator));
	return `${byteOrderMark ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
