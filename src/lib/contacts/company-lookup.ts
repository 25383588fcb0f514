import { VIES_COUNTRY_CODES, countryOfViesPrefix } from '$protocol/company-lookup';
import type { ContactValues } from './contact-form';
import { isValidVatNumber, normalizeVatNumber } from './vat-number';

/** What the VIES register says about a VAT number, as far as the contact form needs it. */
export interface CompanyFound {
	vatNumber: string;
	/** VIES's prefix: "EL" for Greece, "XI" for Northern Ireland. */
	countryCode: string;
	valid: boolean;
	name: string | null;
	address: { street: string; postalCode: string; city: string } | null;
	/** The register's address as one text, when it did not split into the fields. */
	rawAddress: string | null;
}

// The address's country for a VIES prefix: the protocol's mapping, which also gives the member states.
export { countryOfViesPrefix };

/** The form fields a lookup can fill. */
export type CompanyField = 'name' | 'street' | 'postalCode' | 'city' | 'countryCode';

/** A field the user already typed something else into: shown with "Use this", never overwritten. */
export interface CompanySuggestion {
	field: CompanyField;
	value: string;
}

/** The member states VIES answers for ("EL" and "XI" as VIES writes them). */
const VIES_PREFIXES: ReadonlySet<string> = new Set(VIES_COUNTRY_CODES);

/** True when the typed VAT number is well-formed and of a member state VIES can be asked about. */
export function canLookUpInVies(vatNumber: string): boolean {
	const vat = normalizeVatNumber(vatNumber);
	return VIES_PREFIXES.has(vat.slice(0, 2)) && isValidVatNumber(vat);
}

/**
 * The form with what VIES found put into the fields that are still empty, and a suggestion for
 * each field the user typed something different into. The country goes with the address: it is
 * filled when street, postal code and city were all empty, and suggested otherwise.
 */
export function fillFromCompany(
	values: ContactValues,
	found: CompanyFound
): { values: ContactValues; filled: CompanyField[]; suggestions: CompanySuggestion[] } {
	const next = { ...values };
	const filled: CompanyField[] = [];
	const suggestions: CompanySuggestion[] = [];
	const offer = (field: CompanyField, value: string | undefined, empty: boolean) => {
		if (value === undefined || value === '') return;
		if (empty) {
			next[field] = value;
			filled.push(field);
		} else if (values[field].trim() !== value) suggestions.push({ field, value });
	};
	const blank = (field: CompanyField) => values[field].trim() === '';
	offer('name', found.name ?? undefined, blank('name'));
	const address = found.address;
	if (address) {
		const addressEmpty = blank('street') && blank('postalCode') && blank('city');
		offer('street', address.street, blank('street'));
		offer('postalCode', address.postalCode, blank('postalCode'));
		offer('city', address.city, blank('city'));
		offer('countryCode', countryOfViesPrefix(found.countryCode), addressEmpty);
	}
	return { values: next, filled, suggestions };
}
