// The printed forms only, apart from their checks: the PDF worker prints these numbers and never
// checks one, so it loads neither jsvat nor the company-lookup wire schemas that the checks need.

/** Strips "BE", dots, spaces and dashes: "BE 0123.456.749" → "0123456749". */
export function normalizeEnterpriseNumber(input: string): string {
	const compact = input.replace(/[\s.\-/]/g, '').toUpperCase();
	const digits = compact.startsWith('BE') ? compact.slice(2) : compact;
	return /^\d{9}$/.test(digits) ? `0${digits}` : digits;
}

/** "0123.456.749", the way it is printed on Belgian documents. */
export function formatEnterpriseNumber(input: string): string {
	const digits = normalizeEnterpriseNumber(input);
	return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}

/**
 * "BTW BE 0123.456.749"; a small-business-exempt seller writes "BTW 0123.456.749" without "BE"
 * (domain-belgium.md §1.1).
 */
export function formatBelgianVatNumber(
	enterpriseNumber: string,
	options: { smallBusinessExemption: boolean; label?: string }
): string {
	const dotted = formatEnterpriseNumber(enterpriseNumber);
	const label = options.label ?? 'BTW';
	return options.smallBusinessExemption ? `${label} ${dotted}` : `${label} BE ${dotted}`;
}
