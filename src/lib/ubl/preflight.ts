import { isValidEnterpriseNumber, isValidPeppolId, parsePeppolId } from '$lib/contacts';
import type { InvoiceDocument } from '$lib/document';
import type { VatCategory } from '$lib/vat';
import type { UblErrorIssue } from './ubl-issues';

type CheckedFields = Pick<InvoiceDocument, 'seller' | 'buyer' | 'lines' | 'vatCodes'>;

/** Peppol's own format rule per EAS scheme, to name in an error. */
const PEPPOL_ID_RULE: Readonly<Record<string, string>> = {
	'0208': 'PEPPOL-COMMON-R043',
	'0088': 'PEPPOL-COMMON-R040',
	'0184': 'PEPPOL-COMMON-R042',
	'0007': 'PEPPOL-COMMON-R049'
};

/** The rule that needs the seller's VAT number (BT-31) for a category. */
const SELLER_VAT_RULE: Partial<Record<VatCategory, string>> = {
	S: 'BR-S-02',
	Z: 'BR-Z-02',
	AE: 'BR-AE-02',
	K: 'BR-IC-02',
	G: 'BR-G-02'
};

function checkPeppolId(path: string, text: string | undefined, issues: UblErrorIssue[]): void {
	if (text === undefined || isValidPeppolId(text)) return;
	const scheme = parsePeppolId(text)?.scheme ?? '';
	issues.push({
		path,
		rule: PEPPOL_ID_RULE[scheme] ?? 'PEPPOL-EN16931-CL008',
		message: `"${text}" is not a valid Peppol id for scheme ${scheme || '(none)'}`
	});
}

function checkEnterpriseNumber(
	path: string,
	value: string | undefined,
	issues: UblErrorIssue[]
): void {
	if (value === undefined || isValidEnterpriseNumber(value)) return;
	issues.push({
		path,
		rule: 'PEPPOL-COMMON-R043',
		message: `"${value}" fails the enterprise-number check (last two digits = 97 − first eight mod 97)`
	});
}

/**
 * What a schema-valid document can still get wrong for Peppol, found before any XML is written so
 * the caller learns the field and the rule instead of a list of validator findings.
 */
export function preflightIssues(document: CheckedFields): UblErrorIssue[] {
	const issues: UblErrorIssue[] = [];
	checkEnterpriseNumber('seller.enterpriseNumber', document.seller.enterpriseNumber, issues);
	checkEnterpriseNumber('buyer.enterpriseNumber', document.buyer.enterpriseNumber, issues);
	checkPeppolId('seller.peppolId', document.seller.peppolId, issues);
	checkPeppolId('buyer.peppolId', document.buyer.peppolId, issues);

	const categoryOf = new Map(document.vatCodes.map((code) => [code.id, code.category]));
	const firstLineOf = new Map<VatCategory, number>();
	document.lines.forEach((line, index) => {
		const category = line.type === 'item' ? categoryOf.get(line.vatCodeId) : undefined;
		if (category && !firstLineOf.has(category)) firstLineOf.set(category, index);
	});
	const categories = [...firstLineOf.keys()];

	const outsideScope = firstLineOf.get('O');
	if (outsideScope !== undefined && categories.length > 1) {
		const other = categories.find((category) => category !== 'O');
		issues.push({
			path: `lines.${other === undefined ? outsideScope : firstLineOf.get(other)}.vatCodeId`,
			rule: 'BR-O-11',
			message: 'an invoice with outside-scope (O) lines may not contain any other VAT category'
		});
	}
	if (!document.seller.vatNumber) {
		for (const category of categories) {
			const rule = SELLER_VAT_RULE[category];
			if (!rule) continue;
			issues.push({
				path: 'seller.vatNumber',
				rule,
				message: `VAT category ${category} (lines.${firstLineOf.get(category)}) needs the seller's VAT number`
			});
		}
	}
	if (firstLineOf.has('K') && !document.buyer.vatNumber) {
		issues.push({
			path: 'buyer.vatNumber',
			rule: 'BR-IC-02',
			message: 'an intra-community supply (K) needs the buyer’s VAT number'
		});
	}
	if (firstLineOf.has('AE') && !document.buyer.vatNumber && !document.buyer.enterpriseNumber) {
		issues.push({
			path: 'buyer.vatNumber',
			rule: 'BR-AE-02',
			message: 'a reverse-charge (AE) line needs the buyer’s VAT number or enterprise number'
		});
	}
	return issues;
}
