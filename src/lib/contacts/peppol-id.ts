import { isValidEnterpriseNumber, normalizeEnterpriseNumber } from './enterprise-number';
import { isValidVatNumber, normalizeVatNumber, vatNumberCountry } from './vat-number';

/** A Peppol participant identifier in the iso6523-actorid-upis scheme. */
export interface PeppolId {
	/** EAS code (ICD), e.g. "0208". */
	scheme: string;
	value: string;
}

export function formatPeppolId(id: PeppolId): string {
	return `${id.scheme}:${id.value}`;
}

export function parsePeppolId(text: string): PeppolId | undefined {
	const match = /^(\d{4}):(\S+)$/.exec(text.trim());
	return match?.[1] && match[2] ? { scheme: match[1], value: match[2] } : undefined;
}

/** EAS schemes built on a national VAT number, with the VAT number written in full ("NL…B01"). */
const VAT_SCHEME_BY_COUNTRY: Readonly<Record<string, string>> = {
	HU: '9910',
	AT: '9914',
	ES: '9920',
	BE: '9925',
	BG: '9926',
	CH: '9927',
	CY: '9928',
	CZ: '9929',
	DE: '9930',
	EE: '9931',
	GB: '9932',
	GR: '9933',
	HR: '9934',
	IE: '9935',
	LI: '9936',
	LT: '9937',
	LU: '9938',
	LV: '9939',
	MC: '9940',
	MT: '9943',
	NL: '9944',
	PL: '9945',
	PT: '9946',
	RO: '9947',
	SI: '9949',
	SK: '9950',
	SM: '9951',
	FR: '9957'
};

/** Other EAS codes a user may type for a foreign buyer, with what they hold. */
export const KNOWN_PEPPOL_SCHEMES: Readonly<Record<string, string>> = {
	'0002': 'FR SIRENE',
	'0007': 'SE organisation number',
	'0009': 'FR SIRET',
	'0060': 'DUNS',
	'0088': 'GLN (GS1)',
	'0106': 'NL KvK',
	'0151': 'AU ABN',
	'0184': 'DK CVR',
	'0190': 'NL OIN',
	'0192': 'NO organisation number',
	'0204': 'DE Leitweg-ID',
	'0208': 'BE enterprise number',
	'0211': 'IT partita IVA',
	'9925': 'BE VAT number',
	'9930': 'DE VAT number',
	'9944': 'NL VAT number',
	'9957': 'FR VAT number'
};

export function vatSchemeOf(country: string): string | undefined {
	return VAT_SCHEME_BY_COUNTRY[country];
}

export interface PeppolParty {
	countryCode: string;
	enterpriseNumber?: string | undefined;
	vatNumber?: string | undefined;
	/** An id the user entered explicitly wins over derived ones. */
	peppolId?: string | undefined;
}

/**
 * Candidate participant ids to look up, most likely first. Belgian parties: `0208:<KBO>`, then
 * `9925:BE<KBO>` (BOSA requires 0208). Foreign parties: their VAT-based scheme (9944 NL, 9957 FR,
 * 9930 DE, …), Italy as 0211 without prefix, Denmark as 0184 "DK…" and Sweden as 0007.
 */
export function peppolIdCandidates(party: PeppolParty): PeppolId[] {
	const candidates: PeppolId[] = [];
	const add = (id: PeppolId) => {
		if (!candidates.some((c) => c.scheme === id.scheme && c.value === id.value))
			candidates.push(id);
	};
	const explicit = party.peppolId ? parsePeppolId(party.peppolId) : undefined;
	if (explicit) add(explicit);

	const enterpriseNumber =
		party.enterpriseNumber ??
		(party.vatNumber?.toUpperCase().startsWith('BE') ? party.vatNumber : undefined);
	if (enterpriseNumber && isValidEnterpriseNumber(enterpriseNumber)) {
		const digits = normalizeEnterpriseNumber(enterpriseNumber);
		add({ scheme: '0208', value: digits });
		add({ scheme: '9925', value: `BE${digits}` });
	}
	if (party.vatNumber && isValidVatNumber(party.vatNumber)) {
		const vatNumber = normalizeVatNumber(party.vatNumber);
		const country = vatNumberCountry(vatNumber);
		const digits = vatNumber.slice(2);
		if (country === 'IT') add({ scheme: '0211', value: digits });
		else if (country === 'DK') add({ scheme: '0184', value: vatNumber });
		else if (country === 'SE') add({ scheme: '0007', value: digits.slice(0, 10) });
		else {
			const scheme = vatSchemeOf(country);
			if (scheme) add({ scheme, value: vatNumber });
		}
	}
	return candidates;
}

/** GS1 check digit (mod 10, weights 3/1 from the right), as PEPPOL-COMMON-R040 checks for 0088. */
export function isValidGln(value: string): boolean {
	if (!/^\d{13}$/.test(value)) return false;
	const digits = [...value].map(Number);
	const check = digits.pop() ?? -1;
	const sum = digits
		.reverse()
		.reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 3 : 1), 0);
	return (10 - (sum % 10)) % 10 === check;
}

/** Format check of a participant id for the schemes Peppol itself validates; others are accepted. */
export function isValidPeppolId(text: string): boolean {
	const id = parsePeppolId(text);
	if (!id) return false;
	switch (id.scheme) {
		case '0208':
			return /^\d{10}$/.test(id.value) && isValidEnterpriseNumber(id.value);
		case '9925':
			return /^BE\d{10}$/.test(id.value) && isValidEnterpriseNumber(id.value.slice(2));
		case '9944':
			return /^NL\d{9}B\d{2}$/.test(id.value);
		case '0088':
			return isValidGln(id.value);
		case '0106':
			return /^\d{8}$/.test(id.value);
		case '0007':
			return /^\d{10}$/.test(id.value);
		case '0184':
			return /^DK\d{8}$/.test(id.value);
		default:
			return /^[A-Za-z0-9._\-+]{1,50}$/.test(id.value);
	}
}
