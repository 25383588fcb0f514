// The one file, not the index: the domain's first paint needs no other wire schema.
import { isBelgianEnterpriseNumber } from '$protocol/company-lookup';

/**
 * Belgian enterprise number (KBO/BCE): 10 digits, first 0 or 1, last two = 97 − (first 8 mod 97).
 * The same rule is PEPPOL-COMMON-R043 for scheme 0208.
 */

/** Strips "BE", dots, spaces and dashes: "BE 0123.456.749" → "0123456749". */
export function normalizeEnterpriseNumber(input: string): string {
	const compact = input.replace(/[\s.\-/]/g, '').toUpperCase();
	const digits = compact.startsWith('BE') ? compact.slice(2) : compact;
	return /^\d{9}$/.test(digits) ? `0${digits}` : digits;
}

export function enterpriseNumberCheckDigits(firstEight: string): string {
	const remainder = Number(firstEight) % 97;
	return String(97 - remainder).padStart(2, '0');
}

/** True for a well-formed enterprise number (normalized or written with BE/dots/spaces). */
export function isValidEnterpriseNumber(input: string): boolean {
	return isBelgianEnterpriseNumber(normalizeEnterpriseNumber(input));
}

/** "0123.456.749", the way it is printed on Belgian documents. */
export function formatEnterpriseNumber(input: string): string {
	const digits = normalizeEnterpriseNumber(input);
	return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}
