import {
	isValidEnterpriseNumber,
	isValidPeppolId,
	isValidVatNumber,
	peppolIdCandidates,
	vatNumberCountry
} from '$lib/contacts';
import type { InvoiceDocument } from '$lib/document';
import { addDays, computeTotals, endOfMonth } from '$lib/invoice';
import { isValidStructuredReference } from '$lib/payment';
import { findVatCode, type VatCategory } from '$lib/vat';
import { EU_MEMBER_STATES } from '$protocol/company-lookup';
import { IssueList, type CheckOptions, type Issue } from './issue';
import { allowedInvoiceLanguages } from './language-region';
import { checkAddress, collectSellerIssues } from './seller-checks';

/** 15th of the month after the chargeable event (art. 53 §2 WBTW, domain-belgium.md §1.3). */
function issueDeadline(deliveryDate: string): string {
	return addDays(endOfMonth(deliveryDate), 15);
}

/**
 * Every legal (Belgian VAT, Code of Economic Law, language law) and Peppol BIS problem of an
 * invoice or credit note document, reported together.
 */
export function checkInvoiceDocument(
	document: InvoiceDocument,
	options: CheckOptions = {}
): Issue[] {
	const issues = new IssueList(options.language);
	const { seller, buyer } = document;
	collectSellerIssues(issues, seller, 'seller');

	if (!buyer.name.trim()) issues.add('BR-07', 'buyer.name');
	checkAddress(issues, buyer.address, 'buyer.address', 'BR-10');
	if (buyer.vatNumber && !isValidVatNumber(buyer.vatNumber)) {
		issues.add('BE-VAT-NUMBER-INVALID', 'buyer.vatNumber', { value: buyer.vatNumber });
	}
	if (buyer.enterpriseNumber && !isValidEnterpriseNumber(buyer.enterpriseNumber)) {
		issues.add('PEPPOL-COMMON-R043', 'buyer.enterpriseNumber', { value: buyer.enterpriseNumber });
	}
	if (buyer.peppolId && !isValidPeppolId(buyer.peppolId)) {
		issues.add('BE-PEPPOL-ID-INVALID', 'buyer.peppolId', { value: buyer.peppolId });
	}
	if (
		buyer.kind === 'business' &&
		peppolIdCandidates({ ...buyer, countryCode: buyer.address.countryCode }).length === 0
	) {
		issues.add('PEPPOL-EN16931-R010', 'buyer.peppolId');
	}

	const categories = new Set<VatCategory>();
	let unknownCode = false;
	let pricedLines = 0;
	document.lines.forEach((line, index) => {
		if (line.type !== 'item') return;
		pricedLines += 1;
		const path = `lines.${index}.vatCodeId`;
		const code = findVatCode(document.vatCodes, line.vatCodeId);
		if (!code) {
			unknownCode = true;
			issues.add('BE-UNKNOWN-VAT-CODE', path, { code: line.vatCodeId });
			return;
		}
		categories.add(code.category);
		if (seller.smallBusinessExemption && !code.smallBusinessScheme) {
			issues.add('BE-SMALL-BUSINESS-CODE', path, { code: code.id });
		}
		if (!seller.smallBusinessExemption && code.smallBusinessScheme) {
			issues.add('BE-SMALL-BUSINESS-NOT-ELIGIBLE', path, { code: code.id });
		}
	});
	if (pricedLines === 0) issues.add('BR-16', 'lines');

	if (categories.has('AE') && !buyer.vatNumber) issues.add('BR-AE-02', 'buyer.vatNumber');
	if (categories.has('K')) {
		if (!buyer.vatNumber) issues.add('BR-IC-02', 'buyer.vatNumber');
		else {
			const country = vatNumberCountry(buyer.vatNumber);
			if (country === 'BE' || !EU_MEMBER_STATES.has(country))
				issues.add('BE-IC-BUYER-NOT-EU', 'buyer.vatNumber');
		}
		if (!document.deliveryDate) issues.add('BR-IC-11', 'deliveryDate');
	}
	if (categories.has('O')) {
		if (buyer.vatNumber) issues.add('BR-O-02', 'buyer.vatNumber');
		if (categories.size > 1) issues.add('BR-O-11', 'lines');
	}

	if (!document.buyerReference && !document.orderReference) {
		issues.add('PEPPOL-EN16931-R003', 'buyerReference');
	}
	if (document.type === 'creditNote' && !document.billingReference) {
		issues.add('BE-CREDIT-NOTE-REFERENCE', 'billingReference');
	}
	if (document.paymentReference && !isValidStructuredReference(document.paymentReference)) {
		issues.add('BE-OGM-INVALID', 'paymentReference', { value: document.paymentReference });
	}
	if (!unknownCode && pricedLines > 0 && !document.dueDate && !document.paymentTerms) {
		if (computeTotals(document).payableCents > 0) issues.add('BR-CO-25', 'dueDate');
	}

	const allowed = allowedInvoiceLanguages(seller.address.countryCode, seller.address.postalCode);
	if (allowed && !allowed.includes(document.language)) {
		issues.add('BE-INVOICE-LANGUAGE', 'language', { value: allowed.join('/') });
	}
	if (document.deliveryDate) {
		const deadline = issueDeadline(document.deliveryDate);
		if (document.issueDate > deadline)
			issues.add('BE-ISSUE-DEADLINE', 'issueDate', { value: deadline });
	}
	return issues.issues;
}
