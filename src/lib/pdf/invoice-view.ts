import type { Language } from '$lib/language';
import { formatEnterpriseNumber } from '$lib/contacts/enterprise-number-format';
import type { InvoiceDocument } from '$lib/document';
import { cashDiscountSentence } from '$lib/invoice/cash-discount-sentence';
import { computeTotals, type Totals, type VatBreakdown } from '$lib/invoice/totals';
import { centsToDecimalString, formatDecimal, formatMoney, type Cents } from '$lib/money';
import { unitSymbol } from '$lib/units';
import type { VatCategory } from '$lib/vat';
import type { PdfWarning } from './draw-ops';
import { fillTemplate, formatInvoiceDate, LABELS, LOCALE, type InvoiceLabels } from './labels';
import { buyerView, sellerView } from './party-view';
import { paymentView } from './payment-view';
import { richDocumentFromTiptap } from './rich-text';
import type {
	InvoicePdfView,
	LabelledValue,
	TableView,
	TotalLine,
	VatSummaryView
} from './view-model';

export interface InvoiceViewOptions {
	/** The seller's header and footer as tiptap JSON (`editor.getJSON()`). */
	header?: unknown;
	footer?: unknown;
	/** Forces the label language; otherwise see `invoiceLabelLanguage`. */
	language?: Language | undefined;
	/** Totals already derived with computeTotals; derived here when absent. */
	totals?: Totals | undefined;
	/** A quote's acceptance terms in the document's language; the labels' default when absent. */
	acceptanceTerms?: string | undefined;
}

/** "Factuur", "Creditnota" or "Offerte": the document's title in the label language. */
export function documentTitle(type: InvoiceDocument['type'], labels: InvoiceLabels): string {
	return type === 'quote'
		? labels.quote
		: type === 'creditNote'
			? labels.creditNote
			: labels.invoice;
}

export interface InvoiceView {
	view: InvoicePdfView;
	language: Language;
	warnings: PdfWarning[];
}

const CATEGORY_SHORT: Record<Exclude<VatCategory, 'S'>, Record<Language, string>> = {
	Z: { nl: '0%', fr: '0 %', en: '0%', de: '0 %' },
	E: { nl: 'Vrijgesteld', fr: 'Exonéré', en: 'Exempt', de: 'Befreit' },
	AE: { nl: 'Verlegd', fr: 'Autoliq.', en: 'Rev. charge', de: 'Reverse Ch.' },
	K: { nl: 'IC-levering', fr: 'Livr. IC', en: 'Intra-EU', de: 'igL' },
	G: { nl: 'Uitvoer', fr: 'Export', en: 'Export', de: 'Ausfuhr' },
	O: { nl: 'Buiten btw', fr: 'Hors TVA', en: 'Out of scope', de: 'Nicht steuerbar' }
};

/**
 * The language of the printed labels: the document's. The app sets it from the invoice's own
 * choice, else the contact's language, else the seller's default (and its legal checks warn when
 * the language laws of the seller's seat ask for another, domain-belgium.md §1.6), so the PDF,
 * the UBL texts and the e-mail always speak the same language.
 */
export function invoiceLabelLanguage(
	document: Pick<InvoiceDocument, 'language'>,
	override?: Language
): Language {
	return override ?? document.language;
}

function percent(rate: string, language: Language): string {
	const number = formatDecimal(rate, language);
	return language === 'fr' || language === 'de' ? `${number} %` : `${number}%`;
}

/** Table amounts: plain decimals with two or more digits; the currency shows in the totals. */
function amount(cents: Cents, language: Language): string {
	return formatDecimal(centsToDecimalString(cents), language, 2);
}

function metadata(
	document: InvoiceDocument,
	language: Language,
	labels: InvoiceLabels
): LabelledValue[] {
	const entries: LabelledValue[] = [
		{ label: labels.number, value: document.number },
		{
			label: document.type === 'quote' ? labels.quoteDate : labels.issueDate,
			value: formatInvoiceDate(document.issueDate, language)
		}
	];
	if (document.deliveryDate) {
		entries.push({
			label: labels.deliveryDate,
			value: formatInvoiceDate(document.deliveryDate, language)
		});
	}
	if (document.dueDate && document.type !== 'creditNote') {
		entries.push({
			label: document.type === 'quote' ? labels.validUntil : labels.dueDate,
			value: formatInvoiceDate(document.dueDate, language)
		});
	}
	if (document.quoteReference)
		entries.push({ label: labels.quoteReference, value: document.quoteReference });
	const buyerVat = document.buyer.vatNumber;
	if (buyerVat) {
		// "BE 0417.497.106": the label already says VAT number.
		const value = buyerVat.startsWith('BE')
			? `BE ${formatEnterpriseNumber(buyerVat.slice(2))}`
			: buyerVat;
		entries.push({ label: labels.buyerVatNumber, value });
	}
	if (document.buyerReference)
		entries.push({ label: labels.buyerReference, value: document.buyerReference });
	if (document.orderReference)
		entries.push({ label: labels.orderReference, value: document.orderReference });
	if (document.billingReference) {
		const { number, issueDate } = document.billingReference;
		entries.push({
			label: labels.correctsInvoice,
			value: `${number} (${formatInvoiceDate(issueDate, language)})`
		});
	}
	return entries;
}

function vatCell(category: VatCategory, rate: string, language: Language): string {
	return category === 'S' ? percent(rate, language) : CATEGORY_SHORT[category][language];
}

function table(
	document: InvoiceDocument,
	totals: Totals,
	language: Language,
	labels: InvoiceLabels,
	showVat: boolean
): TableView {
	const hasDiscount = document.lines.some((line) => line.type === 'item' && line.discountPercent);
	const columns: TableView['columns'] = [
		{ label: labels.description, align: 'left', flexible: true },
		{ label: labels.quantity, align: 'right' },
		{ label: labels.unitPrice, align: 'right' }
	];
	if (hasDiscount) columns.push({ label: labels.discount, align: 'right' });
	if (showVat) columns.push({ label: labels.vat, align: 'right' });
	columns.push({ label: labels.amount, align: 'right' });
	const lineTotals = new Map(totals.lines.map((line) => [line.index, line]));
	const rows: TableView['rows'] = document.lines.map((line, index) => {
		if (line.type === 'text') return { kind: 'text', text: line.text };
		const computed = lineTotals.get(index);
		const cells = [
			line.description,
			`${formatDecimal(line.quantity, language)} ${unitSymbol(line.unitCode, language)}`,
			formatDecimal(line.unitPrice, language, 2)
		];
		if (hasDiscount)
			cells.push(line.discountPercent ? percent(line.discountPercent, language) : '');
		if (showVat) cells.push(computed ? vatCell(computed.category, computed.rate, language) : '');
		cells.push(computed ? amount(computed.netCents, language) : '');
		return { kind: 'item', cells };
	});
	return { columns, rows };
}

function summaryLabel(group: VatBreakdown, language: Language, labels: InvoiceLabels): string {
	// The exempt group that only carries the cash-discount compensation (BEG scenario 3).
	if (group.vatCodeIds.length === 0 && group.chargeCents !== 0) return labels.cashDiscountCharge;
	return vatCell(group.category, group.rate, language);
}

function vatSummary(totals: Totals, language: Language, labels: InvoiceLabels): VatSummaryView {
	return {
		title: labels.vatSummary,
		columns: [labels.vatRate, labels.taxableAmount, labels.vatAmount],
		rows: totals.breakdown.map((group) => [
			summaryLabel(group, language, labels),
			formatMoney(group.taxableCents, language),
			formatMoney(group.taxCents, language)
		])
	};
}

function totalLines(
	document: InvoiceDocument,
	totals: Totals,
	language: Language,
	labels: InvoiceLabels,
	showVat: boolean
): TotalLine[] {
	// A quote asks for nothing yet: its last line is the offered total.
	const due =
		document.type === 'creditNote'
			? labels.amountToRefund
			: document.type === 'quote'
				? labels.totalInclVat
				: labels.amountDue;
	const lines: TotalLine[] = [];
	if (showVat) {
		lines.push({
			label: labels.totalExclVat,
			value: formatMoney(totals.taxExclusiveCents, language)
		});
		lines.push({ label: labels.totalVat, value: formatMoney(totals.taxCents, language) });
	}
	if (totals.prepaidCents !== 0 && document.type !== 'quote') {
		lines.push({
			label: labels.totalInclVat,
			value: formatMoney(totals.taxInclusiveCents, language)
		});
		lines.push({ label: labels.prepaid, value: formatMoney(-totals.prepaidCents, language) });
	}
	lines.push({ label: due, value: formatMoney(totals.payableCents, language), emphasis: true });
	return lines;
}

function cashDiscountText(totals: Totals, language: Language): string | undefined {
	const discount = totals.cashDiscount;
	if (!discount) return undefined;
	return cashDiscountSentence(discount, totals.payableCents, language, formatInvoiceDate);
}

/** Mentions the VAT codes on the lines require, once each, in the order of the codes. */
function mentions(document: InvoiceDocument, language: Language): string[] {
	const used = new Set(
		document.lines.flatMap((line) => (line.type === 'item' ? [line.vatCodeId] : []))
	);
	const texts: string[] = [];
	for (const code of document.vatCodes) {
		const text = code.mention?.[language];
		if (used.has(code.id) && text && !texts.includes(text)) texts.push(text);
	}
	if (document.paymentTerms) texts.push(document.paymentTerms);
	if (document.notes) texts.push(document.notes);
	return texts;
}

/**
 * Everything the PDF prints for an invoice document, formatted in the label language. Pure:
 * the same document and options always give the same view.
 */
export function invoicePdfView(
	document: InvoiceDocument,
	options: InvoiceViewOptions = {}
): InvoiceView {
	const language = invoiceLabelLanguage(document, options.language);
	const labels = LABELS[language];
	const totals =
		options.totals ??
		computeTotals({
			lines: document.lines,
			vatCodes: document.vatCodes,
			cashDiscount: document.cashDiscount,
			issueDate: document.issueDate,
			prepaidCents: document.prepaidCents
		});
	const warnings: PdfWarning[] = [];
	// A seller under the small-business scheme may show no VAT at all.
	const showVat = !document.seller.smallBusinessExemption;
	const title = documentTitle(document.type, labels);
	const view: InvoicePdfView = {
		title,
		seller: sellerView(document.seller, language, labels),
		buyer: buyerView(document.buyer, document.seller.address.countryCode, language, labels),
		metadata: metadata(document, language, labels),
		table: table(document, totals, language, labels, showVat),
		totals: totalLines(document, totals, language, labels, showVat),
		mentions:
			document.type === 'quote'
				? [
						...mentions(document, language),
						options.acceptanceTerms?.trim() || labels.acceptanceTerms
					]
				: mentions(document, language),
		continuation: fillTemplate(labels.continued, { title, number: document.number }),
		pageNumber: labels.pageNumber,
		info: {
			title: `${title} ${document.number}`,
			author: document.seller.name,
			subject: document.buyer.name,
			language: LOCALE[language]
		}
	};
	if (options.header !== undefined && options.header !== null) {
		view.header = richDocumentFromTiptap(options.header, 'header');
	}
	if (options.footer !== undefined && options.footer !== null) {
		view.footer = richDocumentFromTiptap(options.footer, 'footer');
	}
	if (showVat) view.vatSummary = vatSummary(totals, language, labels);
	// Its deadline counts from an invoice's date; the invoice made from the quote prints it.
	const cashDiscount = document.type === 'quote' ? undefined : cashDiscountText(totals, language);
	if (cashDiscount) view.cashDiscount = cashDiscount;
	// A quote is not payable: no payment block, structured reference or EPC QR code.
	const payment =
		document.type === 'quote'
			? undefined
			: paymentView(document, totals.payableCents, language, labels, warnings);
	if (payment) view.payment = payment;
	return { view, language, warnings };
}
