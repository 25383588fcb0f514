/** Countries offered in address forms: Belgium first, then the EU/EEA, then frequent trade partners. */
export const COUNTRY_CODES = [
	'BE',
	'NL',
	'FR',
	'DE',
	'LU',
	'AT',
	'BG',
	'CY',
	'CZ',
	'DK',
	'EE',
	'ES',
	'FI',
	'GR',
	'HR',
	'HU',
	'IE',
	'IT',
	'LT',
	'LV',
	'MT',
	'PL',
	'PT',
	'RO',
	'SE',
	'SI',
	'SK',
	'IS',
	'LI',
	'NO',
	'CH',
	'GB',
	'MC',
	'AU',
	'BR',
	'CA',
	'CN',
	'IN',
	'IL',
	'JP',
	'MA',
	'TR',
	'UA',
	'US',
	'ZA'
] as const;

/** Country names in the UI language, sorted, with the neighbours first. */
export function countryOptions(locale: string, current?: string): { code: string; name: string }[] {
	const names = new Intl.DisplayNames([locale], { type: 'region' });
	const codes: string[] = [...COUNTRY_CODES];
	if (current && /^[A-Z]{2}$/.test(current) && !codes.includes(current)) codes.push(current);
	const neighbours = new Set(['BE', 'NL', 'FR', 'DE', 'LU']);
	const named = codes.map((code) => ({ code, name: names.of(code) ?? code }));
	return [
		...named.filter((option) => neighbours.has(option.code)),
		...named
			.filter((option) => !neighbours.has(option.code))
			.sort((a, b) => a.name.localeCompare(b.name, locale))
	];
}
