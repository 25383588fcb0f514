const units = ['B', 'KB', 'MB', 'GB', 'TB'];
/** French writes octets: o, Ko, Mo. */
const frenchUnits = ['o', 'Ko', 'Mo', 'Go', 'To'];

function unitsOf(locale: string): readonly string[] {
	return locale.toLowerCase().startsWith('fr') ? frenchUnits : units;
}

/**
 * Binary multiples, as browsers report quotas; the locale decides the decimal separator. With
 * `fractionDigits` every size shows that many decimals, so a limit and a file one byte over it
 * ("2.00 MB") do not read alike once the exact byte count stands next to them.
 */
export function formatBytes(bytes: number, locale: string, fractionDigits?: number): string {
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	const digits = fractionDigits ?? (unit === 0 || value >= 100 ? 0 : 1);
	const format = new Intl.NumberFormat(locale, {
		minimumFractionDigits: fractionDigits === undefined || unit === 0 ? 0 : digits,
		maximumFractionDigits: unit === 0 ? 0 : digits
	});
	return `${format.format(value)} ${unitsOf(locale)[unit]}`;
}

/** "2,097,153" and "2.00 MB": the exact count for a refusal, and the size to picture it. */
export function exactBytes(bytes: number, locale: string): { bytes: string; size: string } {
	return {
		bytes: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(bytes),
		size: formatBytes(bytes, locale, 2)
	};
}
