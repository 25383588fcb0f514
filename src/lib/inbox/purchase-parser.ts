import Big from 'big.js';
import { Base64Error, fromBase64Text } from '$lib/bytes';
import type {
	PurchaseAttachment,
	PurchaseDocument,
	PurchaseParseResult,
	PurchaseVatBreakdown
} from './purchase-document';
import { optionalDecimal, requiredDecimal } from './purchase-amount';
import { allowanceChargeOf, lineOf } from './purchase-lines';
import { addressText, defined, partyOf } from './purchase-parties';
import {
	PurchaseReadError,
	at,
	child,
	children,
	readUblTree,
	textAt,
	type XmlElement
} from './purchase-xml';

/** BT-18 "invoiced object identifier" travels as an AdditionalDocumentReference too; it is no attachment. */
const INVOICED_OBJECT = '130';

function attachmentOf(reference: XmlElement): PurchaseAttachment {
	const embedded = at(reference, 'cac:Attachment', 'cbc:EmbeddedDocumentBinaryObject');
	let bytes: Uint8Array | undefined;
	if (embedded !== undefined) {
		try {
			bytes = fromBase64Text(embedded.text);
		} catch (error) {
			if (!(error instanceof Base64Error)) throw error;
			throw new PurchaseReadError({
				code: 'malformed',
				message: `cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject (BT-125 attached document) at line ${embedded.line} is not valid base64: ${error.message}. The attachment cannot be opened; the original stays downloadable.`,
				where: `line ${embedded.line}`
			});
		}
	}
	return defined({
		id: textAt(reference, 'cbc:ID') ?? '',
		description: textAt(reference, 'cbc:DocumentDescription'),
		fileName: embedded?.attributes['filename'],
		mimeType: embedded?.attributes['mimeCode'],
		bytes,
		externalUri: textAt(reference, 'cac:Attachment', 'cac:ExternalReference', 'cbc:URI')
	});
}

function vatBreakdownOf(subtotal: XmlElement, index: number): PurchaseVatBreakdown {
	const here = `cac:TaxSubtotal[${index + 1}] (line ${subtotal.line}): `;
	const category = child(subtotal, 'cac:TaxCategory');
	return defined({
		category: textAt(category, 'cbc:ID') ?? '',
		rate: optionalDecimal(category, ['cbc:Percent'], { term: 'BT-119 VAT category rate' }),
		taxableAmount: requiredDecimal(
			subtotal,
			['cbc:TaxableAmount'],
			{ term: 'BT-116 VAT category taxable amount', rule: 'BR-45' },
			here
		),
		taxAmount: requiredDecimal(
			subtotal,
			['cbc:TaxAmount'],
			{ term: 'BT-117 VAT category tax amount', rule: 'BR-46' },
			here
		),
		exemptionReason: textAt(category, 'cbc:TaxExemptionReason'),
		exemptionReasonCode: textAt(category, 'cbc:TaxExemptionReasonCode')
	});
}

/**
 * The VAT totals: BT-110 in the document currency, with the breakdown (BG-23); and, when the
 * VAT accounting currency differs (a USD invoice to a Belgian buyer), BT-111 in that currency.
 * Without a TaxTotal in the document currency, BT-110 is BT-112 − BT-109 (BR-CO-15).
 */
function taxTotalsOf(
	root: XmlElement,
	currency: string,
	taxCurrency: string | undefined,
	derived: () => string
) {
	const totals = children(root, 'cac:TaxTotal');
	const currencyOf = (total: XmlElement) => at(total, 'cbc:TaxAmount')?.attributes['currencyID'];
	const inTaxCurrency =
		taxCurrency !== undefined && taxCurrency !== currency
			? totals.find((total) => currencyOf(total) === taxCurrency)
			: undefined;
	const inDocument =
		totals.find((total) => total !== inTaxCurrency && currencyOf(total) === currency) ??
		totals.find((total) => total !== inTaxCurrency);
	const term = { term: 'BT-110 invoice total VAT amount' };
	return {
		tax: optionalDecimal(inDocument, ['cbc:TaxAmount'], term) ?? derived(),
		taxTotalInTaxCurrency: optionalDecimal(inTaxCurrency, ['cbc:TaxAmount'], {
			term: 'BT-111 invoice total VAT amount in accounting currency'
		}),
		vatBreakdown: children(inDocument, 'cac:TaxSubtotal').map(vatBreakdownOf)
	};
}

function paymentOf(root: XmlElement): PurchaseDocument['payment'] {
	const means = children(root, 'cac:PaymentMeans');
	const terms = children(root, 'cac:PaymentTerms')
		.map((term) => textAt(term, 'cbc:Note'))
		.filter((note): note is string => note !== undefined);
	return defined({
		meansCode: means.map((m) => textAt(m, 'cbc:PaymentMeansCode')).find(Boolean),
		reference: means.map((m) => textAt(m, 'cbc:PaymentID')).find(Boolean),
		accounts: means.flatMap((m) => {
			const account = child(m, 'cac:PayeeFinancialAccount');
			const iban = textAt(account, 'cbc:ID');
			if (iban === undefined) return [];
			return [
				defined({
					iban: iban.replace(/\s+/g, '').toUpperCase(),
					name: textAt(account, 'cbc:Name'),
					bic: textAt(account, 'cac:FinancialInstitutionBranch', 'cbc:ID')
				})
			];
		}),
		terms: terms.length === 0 ? undefined : terms.join('\n')
	});
}

function deliveryOf(root: XmlElement): PurchaseDocument['delivery'] {
	const delivery = child(root, 'cac:Delivery');
	if (delivery === undefined) return undefined;
	const value = defined({
		date: textAt(delivery, 'cbc:ActualDeliveryDate'),
		place:
			textAt(delivery, 'cac:DeliveryParty', 'cac:PartyName', 'cbc:Name') ??
			addressText(at(delivery, 'cac:DeliveryLocation', 'cac:Address'))
	});
	return Object.keys(value).length === 0 ? undefined : value;
}

function documentOf(kind: PurchaseDocument['kind'], root: XmlElement): PurchaseDocument {
	const currency = textAt(root, 'cbc:DocumentCurrencyCode') ?? '';
	const taxCurrency = textAt(root, 'cbc:TaxCurrencyCode');
	const monetary = child(root, 'cac:LegalMonetaryTotal');
	if (monetary === undefined)
		throw new PurchaseReadError({
			code: 'malformed',
			message: `${root.name} has no cac:LegalMonetaryTotal (BG-22 document totals; Peppol BIS rules BR-12 to BR-15 require it), so the document cannot be shown with its amounts. The original stays downloadable.`,
			where: `line ${root.line}`
		});
	const here = 'cac:LegalMonetaryTotal/';
	const total = (name: string, term: string, rule: string) =>
		requiredDecimal(monetary, [name], { term, rule }, here);
	const taxExclusive = total('cbc:TaxExclusiveAmount', 'BT-109 total without VAT', 'BR-13');
	const taxInclusive = total('cbc:TaxInclusiveAmount', 'BT-112 total with VAT', 'BR-14');
	const { tax, taxTotalInTaxCurrency, vatBreakdown } = taxTotalsOf(
		root,
		currency,
		taxCurrency,
		() => new Big(taxInclusive).minus(taxExclusive).toFixed()
	);
	const optional = (name: string, term: string) => optionalDecimal(monetary, [name], { term });
	const lineName = kind === 'invoice' ? 'cac:InvoiceLine' : 'cac:CreditNoteLine';
	return defined({
		kind,
		customizationId: textAt(root, 'cbc:CustomizationID'),
		profileId: textAt(root, 'cbc:ProfileID'),
		number: textAt(root, 'cbc:ID') ?? '',
		issueDate: textAt(root, 'cbc:IssueDate') ?? '',
		dueDate:
			textAt(root, 'cbc:DueDate') ??
			children(root, 'cac:PaymentMeans')
				.map((means) => textAt(means, 'cbc:PaymentDueDate'))
				.find(Boolean),
		typeCode:
			textAt(root, kind === 'invoice' ? 'cbc:InvoiceTypeCode' : 'cbc:CreditNoteTypeCode') ?? '',
		currency,
		taxCurrency,
		taxTotalInTaxCurrency,
		buyerReference: textAt(root, 'cbc:BuyerReference'),
		orderReference: textAt(root, 'cac:OrderReference', 'cbc:ID'),
		contractReference: textAt(root, 'cac:ContractDocumentReference', 'cbc:ID'),
		projectReference: textAt(root, 'cac:ProjectReference', 'cbc:ID'),
		precedingInvoices: children(root, 'cac:BillingReference').flatMap((reference) => {
			const invoice = child(reference, 'cac:InvoiceDocumentReference');
			if (invoice === undefined) return [];
			return [
				defined({
					number: textAt(invoice, 'cbc:ID') ?? '',
					issueDate: textAt(invoice, 'cbc:IssueDate')
				})
			];
		}),
		notes: children(root, 'cbc:Note')
			.map((note) => note.text)
			.filter((note) => note !== ''),
		supplier: partyOf(at(root, 'cac:AccountingSupplierParty', 'cac:Party')),
		buyer: partyOf(at(root, 'cac:AccountingCustomerParty', 'cac:Party')),
		payee: (() => {
			const name = textAt(root, 'cac:PayeeParty', 'cac:PartyName', 'cbc:Name');
			return name === undefined ? undefined : { name };
		})(),
		delivery: deliveryOf(root),
		payment: paymentOf(root),
		lines: children(root, lineName).map(lineOf),
		allowancesCharges: children(root, 'cac:AllowanceCharge').map((element) =>
			allowanceChargeOf(element, '')
		),
		vatBreakdown,
		totals: defined({
			lineExtension: total(
				'cbc:LineExtensionAmount',
				'BT-106 sum of invoice line net amounts',
				'BR-12'
			),
			allowances: optional(
				'cbc:AllowanceTotalAmount',
				'BT-107 sum of allowances on document level'
			),
			charges: optional('cbc:ChargeTotalAmount', 'BT-108 sum of charges on document level'),
			taxExclusive,
			tax,
			taxInclusive,
			prepaid: optional('cbc:PrepaidAmount', 'BT-113 paid amount'),
			rounding: optional('cbc:PayableRoundingAmount', 'BT-114 rounding amount'),
			payable: total('cbc:PayableAmount', 'BT-115 amount due for payment', 'BR-15')
		}),
		attachments: children(root, 'cac:AdditionalDocumentReference')
			.filter((reference) => textAt(reference, 'cbc:DocumentTypeCode') !== INVOICED_OBJECT)
			.map(attachmentOf)
	});
}

/**
 * Reads a received UBL 2.1 invoice or credit note by the Peppol BIS 3.0 / EN 16931 business terms,
 * whatever the namespace prefixes. Synchronous and pure: it never throws, never fetches, never
 * expands an entity; anything it cannot read is a PurchaseParseProblem that names the line, the
 * element and the rule. A 200-line invoice takes a few milliseconds; a 16 MiB one with embedded
 * PDFs a few hundred, so the UI may call it in a worker for those.
 */
export function parsePurchaseDocument(bytes: Uint8Array): PurchaseParseResult {
	try {
		const { kind, root } = readUblTree(bytes);
		return { ok: true, document: documentOf(kind, root) };
	} catch (error) {
		if (error instanceof PurchaseReadError) return { ok: false, problem: error.problem };
		// A bug of ours must still not take the tab down: the file stays downloadable.
		return {
			ok: false,
			problem: {
				code: 'malformed',
				message: `The document could not be read: ${error instanceof Error ? error.message : String(error)}.`
			}
		};
	}
}
