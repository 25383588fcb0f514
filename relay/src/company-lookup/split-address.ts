import type { CompanyAddress, ViesCountryCode } from '../protocol/index.js';

/**
 * The postal code in front of the city on an address's last line, per member state, as the
 * registers write it in VIES. Only these split: elsewhere (Ireland's Eircodes, Malta's "ABC 1234"
 * after the town, registers that publish no address) the raw text stays whole rather than be
 * guessed into the wrong fields.
 */
const POSTAL_CODE: Partial<Record<ViesCountryCode, RegExp>> = {
	BE: /^(?:B-)?(\d{4})$/,
	NL: /^(\d{4} ?[A-Z]{2})$/,
	LU: /^(?:L-)?(\d{4})$/,
	FR: /^(\d{5})$/,
	DE: /^(\d{5})$/,
	IT: /^(\d{5})$/,
	ES: /^(\d{5})$/,
	AT: /^(?:A-)?(\d{4})$/,
	DK: /^(?:DK-)?(\d{4})$/,
	FI: /^(\d{5})$/,
	SE: /^(\d{3} ?\d{2})$/,
	PL: /^(\d{2}-\d{3})$/,
	PT: /^(\d{4}-\d{3})$/,
	CZ: /^(\d{3} ?\d{2})$/,
	SK: /^(\d{3} ?\d{2})$/,
	SI: /^(?:SI-)?(\d{4})$/,
	HR: /^(\d{5})$/,
	EE: /^(\d{5})$/,
	LT: /^(?:LT-)?(\d{5})$/,
	EL: /^(\d{3} ?\d{2})$/,
	BG: /^(\d{4})$/,
	RO: /^(\d{6})$/,
	HU: /^(\d{4})$/,
	CY: /^(\d{4})$/
};

/** VIES's "---": the member state does not publish the field. */
export function published(value: string | null | undefined): string | null {
	const text = value?.trim() ?? '';
	return text === '' || /^-+$/.test(text) ? null : text;
}

/**
 * Splits a register's free-text address into street, postal code and city when its last line is
 * "<postal code> <city>" in the member state's format and the lines before it are the street
 * ("Kunstlaan 56\n1000 Brussel"). Anything else gives undefined. The text is kept exactly as the
 * register wrote it (no HTML or XML escaping or unescaping): the app shows it as text.
 */
export function splitAddress(
	raw: string,
	countryCode: ViesCountryCode
): CompanyAddress | undefined {
	const pattern = POSTAL_CODE[countryCode];
	if (pattern === undefined) return undefined;
	const lines = raw
		.split(/\r?\n/)
		.map((line) => line.replace(/\s+/g, ' ').trim())
		.filter((line) => line !== '');
	const last = lines.at(-1);
	if (lines.length < 2 || last === undefined) return undefined;
	for (let cut = 1; cut < last.length; cut++) {
		if (last[cut] !== ' ') continue;
		const code = pattern.exec(last.slice(0, cut));
		const city = last.slice(cut + 1).trim();
		if (code?.[1] !== undefined && city !== '' && !/^\d/.test(city))
			return { street: lines.slice(0, -1).join(', '), postalCode: code[1], city };
	}
	return undefined;
}
