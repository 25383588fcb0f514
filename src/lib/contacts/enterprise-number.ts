// The one file, not the index: the domain's first paint needs no other wire schema.
import { isBelgianEnterpriseNumber } from '$protocol/company-lookup';
import { normalizeEnterpriseNumber } from './enterprise-number-format';

export { formatEnterpriseNumber, normalizeEnterpriseNumber } from './enterprise-number-format';

/**
 * Belgian enterprise number (KBO/BCE): 10 digits, first 0 or 1, last two = 97 − (first 8 mod 97).
 * The same rule is PEPPOL-COMMON-R043 for scheme 0208.
 */

export function enterpriseNumberCheckDigits(firstEight: string): string {
	const remainder = Number(firstEight) % 97;
	return String(97 - remainder).padStart(2, '0');
}

/** True for a well-formed enterprise number (normalized or written with BE/dots/spaces). */
export function isValidEnterpriseNumber(input: string): boolean {
	return isBelgianEnterpriseNumber(normalizeEnterpriseNumber(input));
}
