import { checkVAT, countries } from 'jsvat';
import { isValidEnterpriseNumber, normalizeEnterpriseNumber } from './enterprise-number';

export { formatBelgianVatNumber } from './enterprise-number-format';

/** "be 0123.456.749" → "BE0123456749"; Greek numbers keep their "EL" prefix. */
export function normalizeVatNumber(input: string): string {
	return input.replace(/[\s.\-/]/g, '').toUpperCase();
}

/** ISO country of a VAT number; "EL" (Greece) maps to "GR". */
export function vatNumberCountry(vatNumber: string): string {
	const prefix = normalizeVatNumber(vatNumber).slice(0, 2);
	return prefix === 'EL' ? 'GR' : prefix;
}

/**
 * Format and check-digit validation of an EU (and EEA/UK/CH) VAT number by jsvat. Belgian numbers
 * are also held to the enterprise-number rule (first digit 0 or 1, mod 97). It says nothing about
 * whether the number is active: that is VIES.
 */
export function isValidVatNumber(input: string): boolean {
	const vatNumber = normalizeVatNumber(input);
	if (vatNumber.startsWith('BE')) {
		return /^BE[01]\d{9}$/.test(vatNumber) && isValidEnterpriseNumber(vatNumber.slice(2));
	}
	return checkVAT(vatNumber, countries).isValid;
}

/** "BE" + enterprise number: a Belgian VAT number is the enterprise number. */
export function belgianVatNumber(enterpriseNumber: string): string {
	return `BE${normalizeEnterpriseNumber(enterpriseNumber)}`;
}
