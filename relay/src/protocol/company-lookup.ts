import { z } from 'zod';

// common.ts imports this file's error codes, so this file does not import common.ts.

/**
 * The member states VIES answers for, by the prefix of their VAT numbers: Greece is "EL" and
 * Northern Ireland "XI" (traders there keep EU VAT numbers for goods).
 */
export const VIES_COUNTRY_CODES = [
	'AT',
	'BE',
	'BG',
	'CY',
	'CZ',
	'DE',
	'DK',
	'EE',
	'EL',
	'ES',
	'FI',
	'FR',
	'HR',
	'HU',
	'IE',
	'IT',
	'LT',
	'LU',
	'LV',
	'MT',
	'NL',
	'PL',
	'PT',
	'RO',
	'SE',
	'SI',
	'SK',
	'XI'
] as const;
export type ViesCountryCode = (typeof VIES_COUNTRY_CODES)[number];

const VIES_COUNTRIES: ReadonlySet<string> = new Set(VIES_COUNTRY_CODES);

/** The ISO 3166 country of a VIES prefix: Greece's "EL" is "GR", Northern Ireland's "XI" "GB". */
export function countryOfViesPrefix(prefix: string): string {
	return prefix === 'EL' ? 'GR' : prefix === 'XI' ? 'GB' : prefix;
}

/**
 * The EU member states by ISO 3166 code (Greece "GR"): the VIES prefixes but Northern Ireland,
 * which is not a member state (its traders keep EU VAT numbers for goods only).
 */
export const EU_MEMBER_STATES: ReadonlySet<string> = new Set(
	VIES_COUNTRY_CODES.filter((prefix) => prefix !== 'XI').map(countryOfViesPrefix)
);

/**
 * How the relay answers when VIES did not: `vies-unavailable` (VIES or the member state's
 * register is down, or did not answer in time), `vies-busy` (too many requests at VIES or the
 * member state), `vies-refused` (VIES refused the relay itself: blocked, bad requester),
 * `vies-bad-answer` (an answer the VIES API does not describe).
 */
export const COMPANY_LOOKUP_ERROR_CODES = [
	'vies-unavailable',
	'vies-busy',
	'vies-refused',
	'vies-bad-answer'
] as const;
export type CompanyLookupErrorCode = (typeof COMPANY_LOOKUP_ERROR_CODES)[number];

/** "be 0417.497.106" → "BE0417497106": what people paste, in the form VIES is asked in. */
export function compactVatNumber(input: string): string {
	return input.replace(/[\s.\-/]/g, '').toUpperCase();
}

/**
 * The Belgian enterprise-number rule on ten digits: first digit 0 or 1, last two = 97 − (first
 * eight mod 97). The one copy of it: the app's contact form checks enterprise numbers with it too.
 */
export function isBelgianEnterpriseNumber(digits: string): boolean {
	if (!/^[01]\d{9}$/.test(digits)) return false;
	return 97 - (Number(digits.slice(0, 8)) % 97) === Number(digits.slice(8));
}

/** POST …/company-lookup: one VAT number, looked up at VIES only when a user asks. */
export const companyLookupRequestSchema = z.strictObject({
	vatNumber: z
		.string({ error: 'must be a VAT number such as "BE0417497106"' })
		.max(40, 'must be at most 40 characters')
		.transform(compactVatNumber)
		.superRefine((vat, ctx) => {
			const country = vat.slice(0, 2);
			if (!VIES_COUNTRIES.has(country)) {
				ctx.addIssue({
					code: 'custom',
					message: `must start with the prefix of an EU member state VIES knows (${VIES_COUNTRY_CODES.join(', ')}); "${country}" is not one`
				});
				return;
			}
			// The VIES API's own bound for the national part: 2 to 12 letters, digits, + or *.
			if (!/^[0-9A-Z+*]{2,12}$/.test(vat.slice(2))) {
				ctx.addIssue({
					code: 'custom',
					message: 'must be the country prefix followed by 2 to 12 letters or digits'
				});
				return;
			}
			if (country === 'BE' && !isBelgianEnterpriseNumber(vat.slice(2)))
				ctx.addIssue({
					code: 'custom',
					message:
						'must be "BE" and a 10-digit enterprise number starting with 0 or 1 whose last two digits are 97 − (the first eight mod 97)'
				});
		})
});
export type CompanyLookupRequest = z.input<typeof companyLookupRequestSchema>;

/** Street, postal code and city, when the register's one-text address splits reliably. */
export const companyAddressSchema = z.object({
	street: z.string(),
	postalCode: z.string(),
	city: z.string()
});
export type CompanyAddress = z.infer<typeof companyAddressSchema>;

/**
 * What VIES said about a VAT number. `valid: false` means the member state does not know the
 * number as an active VAT registration. A name or address the member state does not publish (VIES
 * says "---") is null; `address` is null when `rawAddress` did not split reliably.
 */
export const companyLookupResultSchema = z.object({
	vatNumber: z.string(),
	countryCode: z.enum(VIES_COUNTRY_CODES),
	valid: z.boolean(),
	name: z.string().nullable(),
	address: companyAddressSchema.nullable(),
	rawAddress: z.string().nullable(),
	/** When VIES answered (an earlier lookup's time when the relay answered from its cache). */
	checkedAt: z.iso.datetime({ offset: true }),
	cached: z.boolean()
});
export type CompanyLookupResult = z.infer<typeof companyLookupResultSchema>;
