import type { InvoiceDocument } from '$lib/document';
import { computeTotals, type Totals } from '$lib/invoice';
import {
	embeddableAttachments,
	safeFileName,
	writeEmbeddedFile,
	type UblAttachment
} from './attachments';
import { BIS_CUSTOMIZATION_ID, BIS_PROFILE_ID, CREDIT_NOTE_KIND, INVOICE_KIND } from './codes';
import { textLineNotes, writeLines } from './lines';
import { buyerEndpoint, writeBuyerParty, writeSellerParty, type SellerTaxIdentity } from './party';
import { paymentTermsNote, writePaymentMeans } from './payment';
import { preflightIssues } from './preflight';
import { writeDocumentAllowanceCharges, writeMonetaryTotal, writeTaxTotal } from './tax';
import { QUOTE_DESCRIPTION, VISUAL_DESCRIPTION } from './texts';
import { UblError, type UblWarning } from './ubl-issues';
import { createUblRoot, type UblNode } from './ubl-node';
import { withXmlSafeText } from './xml-safe-text';

/** An invoice document as toUbl takes it; attachments may carry any type (refused ones warn). */
export type UblDocument = Omit<InvoiceDocument, 'attachments'> & {
	attachments: readonly UblAttachment[];
};

export interface UblOptions {
	/** The PDF rendering of this document, embedded as the first AdditionalDocumentReference. */
	pdf?: Uint8Array | undefined;
	/** Content of the document's attachments, keyed by AttachmentReference.id. */
	attachmentContents?: ReadonlyMap<string, Uint8Array> | undefined;
}

export interface UblResult {
	xml: string;
	/** Everything the caller should know or act on; the XML is complete without it. */
	warnings: UblWarning[];
	/** The totals the XML states, as the domain computed them. */
	totals: Totals;
}

/** Many access points refuse messages above about 10 MB (domain-belgium.md §8). */
const MAX_MESSAGE_CHARACTERS = 10 * 1024 * 1024;

function sellerTaxIdentity(document: UblDocument, totals: Totals): SellerTaxIdentity {
	if (totals.breakdown.some((group) => group.category === 'O')) return 'none';
	return document.seller.vatNumber ? 'vat' : 'tax-registration';
}

/** BT-22: the user's note and the legal mention of every VAT code used, once each. */
function documentNote(document: UblDocument, totals: Totals): string | undefined {
	const usedCodes = new Set(totals.lines.map((line) => line.vatCodeId));
	const parts = [document.notes];
	for (const code of document.vatCodes) {
		const mention = usedCodes.has(code.id) ? code.mention?.[document.language] : undefined;
		if (mention !== undefined && !parts.includes(mention)) parts.push(mention);
	}
	const text = parts.filter((part) => part !== undefined).join('\n');
	return text === '' ? undefined : text;
}

/** BT-72 and BT-80 where a category needs them (BR-IC-11, BR-IC-12) or a delivery date is known. */
function writeDelivery(root: UblNode, document: UblDocument, totals: Totals): void {
	const intraCommunity = totals.breakdown.some((group) => group.category === 'K');
	if (!intraCommunity && !document.deliveryDate) return;
	const delivery = root.cac('Delivery');
	// Art. 5 §1 KB nr. 1 names the chargeable event only when it differs from the issue date.
	delivery.cbc('ActualDeliveryDate', document.deliveryDate ?? document.issueDate);
	if (intraCommunity) {
		delivery
			.cac('DeliveryLocation')
			.cac('Address')
			.cac('Country')
			.cbc('IdentificationCode', document.buyer.address.countryCode);
	}
}

/**
 * The Peppol BIS Billing 3.0 UBL of an invoice (380) or credit note (381). Pure: totals come from
 * the domain's computeTotals, the XML from an escaping builder. Throws UblError (every field and
 * rule at once) when the document cannot become a valid BIS document; returns warnings for what
 * the caller must know, such as an attachment type Peppol refuses.
 */
export function toUbl(input: UblDocument, options: UblOptions = {}): UblResult {
	const warnings: UblWarning[] = [];
	if (input.type === 'quote') {
		// A quote is no tax document: Peppol has no document type for it, it goes by e-mail only.
		throw new UblError([
			{ path: 'type', rule: 'BT-3', message: 'a quote is not an invoice and has no UBL' }
		]);
	}
	const document = withXmlSafeText(input, warnings);
	const issues = preflightIssues(document);
	if (issues.length > 0) throw new UblError(issues);

	const totals = computeTotals(document);
	const kind = document.type === 'creditNote' ? CREDIT_NOTE_KIND : INVOICE_KIND;
	const { currency, language } = document;
	const { node: root, serialize } = createUblRoot(kind.root, kind.namespace);

	root
		.cbc('CustomizationID', BIS_CUSTOMIZATION_ID) // BT-24
		.cbc('ProfileID', BIS_PROFILE_ID) // BT-23
		.cbc('ID', document.number) // BT-1
		.cbc('IssueDate', document.issueDate) // BT-2
		.cbc('DueDate', kind === INVOICE_KIND ? document.dueDate : undefined) // BT-9
		.cbc(kind.typeCodeElement, kind.typeCode) // BT-3
		.cbc('Note', documentNote(document, totals)) // BT-22
		.cbc('DocumentCurrencyCode', currency) // BT-5
		// PEPPOL-EN16931-R003: always a buyer reference, the document number when the buyer gave none.
		.cbc(
			'BuyerReference',
			document.buyerReference ?? document.buyer.customerReference ?? document.number
		); // BT-10
	if (document.orderReference) root.cac('OrderReference').cbc('ID', document.orderReference); // BT-13
	if (document.billingReference) {
		root
			.cac('BillingReference') // BG-3
			.cac('InvoiceDocumentReference')
			.cbc('ID', document.billingReference.number) // BT-25
			.cbc('IssueDate', document.billingReference.issueDate); // BT-26
	}
	if (document.quoteReference) {
		// The quote is the seller's own offer, so it is a supporting document (BG-24: BT-122 its
		// number, BT-123 the word "quote") and not BT-17, which names the buyer's call for tender;
		// without a DocumentTypeCode it is not read as BT-18 either. Buyers' systems list BG-24.
		root
			.cac('AdditionalDocumentReference')
			.cbc('ID', document.quoteReference)
			.cbc('DocumentDescription', QUOTE_DESCRIPTION[language]);
	}
	if (options.pdf) {
		writeEmbeddedFile(root, {
			id: document.number,
			description:
				VISUAL_DESCRIPTION[document.type === 'creditNote' ? 'creditNote' : 'invoice'][language],
			mimeCode: 'application/pdf',
			fileName: `${safeFileName(document.number)}.pdf`,
			bytes: options.pdf
		});
	}
	const files = embeddableAttachments(
		document.attachments,
		options.attachmentContents ?? new Map(),
		warnings
	);
	for (const file of files) writeEmbeddedFile(root, file);

	const outsideScope = totals.breakdown.some((group) => group.category === 'O');
	writeSellerParty(root, document.seller, sellerTaxIdentity(document, totals)); // BG-4
	const endpoint = buyerEndpoint(document.buyer, document.seller, warnings);
	writeBuyerParty(root, document.buyer, endpoint, !outsideScope); // BG-7
	writeDelivery(root, document, totals); // BG-13
	writePaymentMeans(root, document); // BG-16
	const terms = paymentTermsNote(document, totals, language);
	if (terms) root.cac('PaymentTerms').cbc('Note', terms); // BT-20
	writeDocumentAllowanceCharges(root, [...totals.allowances, ...totals.charges], currency);
	writeTaxTotal(root, totals, currency, language);
	writeMonetaryTotal(root, totals, currency);
	writeLines(root, totals.lines, {
		kind,
		currency,
		language,
		lines: document.lines,
		notes: textLineNotes(document.lines)
	});

	const xml = serialize();
	if (xml.length > MAX_MESSAGE_CHARACTERS) {
		warnings.push({
			code: 'message-too-large',
			path: 'attachments',
			message: `the UBL is ${(xml.length / 1024 / 1024).toFixed(1)} MB; many access points refuse more than 10 MB`
		});
	}
	return { xml, warnings, totals };
}
