import type { Language } from '$lib/language';
import type { InvoiceDocument } from '$lib/document';
import { cashDiscountSentence, type Totals } from '$lib/invoice';
import { paymentMeansCodeFor } from './codes';
import { formatDate } from './texts';
import type { UblNode } from './ubl-node';

type PaymentFields = Pick<
	InvoiceDocument,
	'type' | 'number' | 'dueDate' | 'paymentReference' | 'paymentTerms' | 'seller' | 'language'
>;

/**
 * BG-16 credit transfer to the seller's account: code 58 for a SEPA IBAN, else 30. BT-83 is
 * the OGM as its 12 digits, or the document number when there is none. A credit note has no
 * header due date in UBL, so its BT-9 goes in PaymentDueDate.
 */
export function writePaymentMeans(parent: UblNode, document: PaymentFields): void {
	const means = parent.cac('PaymentMeans');
	means
		.cbc('PaymentMeansCode', paymentMeansCodeFor(document.seller.iban)) // BT-81
		.cbc('PaymentDueDate', document.type === 'creditNote' ? document.dueDate : undefined) // BT-9
		.cbc('PaymentID', document.paymentReference ?? document.number); // BT-83
	const account = means.cac('PayeeFinancialAccount');
	account
		.cbc('ID', document.seller.iban) // BT-84
		.cbc('Name', document.seller.name); // BT-85
	if (document.seller.bic) account.cac('FinancialInstitutionBranch').cbc('ID', document.seller.bic); // BT-86
}

/** BT-20: the user's terms and, with a cash discount, the sentence a Belgian buyer acts on. */
export function paymentTermsNote(
	document: PaymentFields,
	totals: Totals,
	language: Language
): string | undefined {
	const parts = [document.paymentTerms];
	if (totals.cashDiscount) {
		parts.push(
			cashDiscountSentence(totals.cashDiscount, totals.payableCents, language, formatDate)
		);
	}
	const text = parts.filter((part) => part !== undefined).join('\n');
	return text === '' ? undefined : text;
}
