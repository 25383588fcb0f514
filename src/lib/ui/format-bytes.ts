const units = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Binary multiples, as browsers report quotas; the locale decides the decimal separator. */
export function formatBytes(bytes: number, locale: string): string {
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	const digits = unit === 0 || value >= 100 ? 0 : 1;
	return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
