/**
 * Belgian structured communication (OGM / VCS, "gestructureerde mededeling"): 10 digits plus two
 * check digits = base mod 97, where 0 becomes 97.
 */

export class StructuredReferenceError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'StructuredReferenceError';
	}
}

function checkDigits(base: string): string {
	const remainder = Number(BigInt(base) % 97n);
	return String(remainder === 0 ? 97 : remainder).padStart(2, '0');
}

/** Builds the 12 digits from a base of at most 10 digits (left-padded with zeros). */
export function createStructuredReference(base: string | number): string {
	const digits = String(base);
	if (!/^\d{1,10}$/.test(digits)) {
		throw new StructuredReferenceError(
			`paymentReference base must be 1 to 10 digits, got "${digits}"`
		);
	}
	const padded = digits.padStart(10, '0');
	return padded + checkDigits(padded);
}

/** Digits only: "+++123/4567/89002+++" → "123456789002". */
export function compactStructuredReference(text: string): string {
	return text.replace(/[+*/\s.]/g, '');
}

/** Accepts the 12 digits or the +++xxx/xxxx/xxxxx+++ (or ***…***) form. */
export function isValidStructuredReference(text: string): boolean {
	const trimmed = text.trim();
	const framed = /^(\+\+\+|\*\*\*)\d{3}\/\d{4}\/\d{5}(\+\+\+|\*\*\*)$/.test(trimmed);
	const digits = compactStructuredReference(trimmed);
	if (!framed && !/^\d{12}$/.test(trimmed)) return false;
	if (!/^\d{12}$/.test(digits)) return false;
	return checkDigits(digits.slice(0, 10)) === digits.slice(10);
}

/** "+++123/4567/89002+++", the printed form. */
export function formatStructuredReference(text: string): string {
	const digits = compactStructuredReference(text);
	if (!/^\d{12}$/.test(digits)) {
		throw new StructuredReferenceError(`paymentReference must have 12 digits, got "${text}"`);
	}
	return `+++${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}+++`;
}
