/**
 * Languages the language laws allow for the legal parts of an invoice, from the Belgian postal
 * code of the operating seat: Flanders Dutch, Wallonia French, the German-speaking Community
 * German, Brussels Dutch or French (domain-belgium.md §1.6). Undefined outside Belgium.
 */
export function allowedInvoiceLanguages(
	countryCode: string,
	postalCode: string
): Language[] | undefined {
	if (countryCode !== 'BE' || !/^\d{4}$/.test(postalCode)) return undefined;
	const code = Number(postalCode);
	if (code >= 1000 && code <= 1299) return ['nl', 'fr'];
	if (code >= 1300 && code <= 1499) return ['fr'];
	if (code >= 1500 && code <= 3999) return ['nl'];
	if (code >= 4700 && code <= 4799) return ['de'];
	if (code >= 4000 && code <= 7999) return ['fr'];
	return ['nl'];
}
import type { Language } from '$lib/language';
