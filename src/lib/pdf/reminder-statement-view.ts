import type { Language, LocalizedText } from '$lib/language';
import type { InvoiceDocument } from '$lib/document';
import { formatMoney, type Cents } from '$lib/money';
import type { ReminderRule } from '$lib/reminders';
import { chargeLines, RULE_TEXT, totalLabel } from '$lib/reminders/reminder-text';
import type { PdfWarning } from './draw-ops';
import { fillTemplate, formatInvoiceDate, LABELS, LOCALE } from './labels';
import { buyerView, sellerView } from './party-view';
import { paymentView } from './payment-view';
import type { InvoicePdfView, TotalLine } from './view-model';

/** What a reminder's one-page statement shows: the invoice, what settled part of it, what is due. */
export interface ReminderStatement {
	/** The issued invoice reminded of (its snapshots name the parties). */
	document: InvoiceDocument;
	language: Language;
	/** The day the statement is made for. */
	date: string;
	/** 1 for the first reminder. */
	step: number;
	invoiceTotalCents: Cents;
	paidCents: Cents;
	creditedCents: Cents;
	amountDueCents: Cents;
	daysOverdue: number;
	rule: ReminderRule;
	interestCents: Cents;
	flatCents: Cents;
}

const STATEMENT_LABELS: Record<
	'title' | 'date' | 'daysOverdue' | 'paid' | 'credited' | 'invoiceTotal' | 'amountStillDue',
	LocalizedText
> = {
	title: {
		nl: 'Betalingsherinnering',
		fr: 'Rappel de paiement',
		en: 'Payment reminder',
		de: 'Zahlungserinnerung'
	},
	date: { nl: 'Datum', fr: 'Date', en: 'Date', de: 'Datum' },
	daysOverdue: {
		nl: 'Dagen over de vervaldag',
		fr: "Jours après l'échéance",
		en: 'Days overdue',
		de: 'Tage überfällig'
	},
	invoiceTotal: {
		nl: 'Factuur {number}',
		fr: 'Facture {number}',
		en: 'Invoice {number}',
		de: 'Rechnung {number}'
	},
	paid: { nl: 'Reeds betaald', fr: 'Déjà payé', en: 'Paid so far', de: 'Bereits bezahlt' },
	credited: {
		nl: 'Gecrediteerd',
		fr: 'Crédité',
		en: 'Credited',
		de: 'Gutgeschrieben'
	},
	amountStillDue: {
		nl: 'Nog te betalen',
		fr: 'Reste à payer',
		en: 'Amount still due',
		de: 'Noch offen'
	}
};

/**
 * The statement attached to a reminder, as the invoice layout draws it: parties, the invoice and
 * what settled part of it, the amount still due, only the charges the rule allowed (stated apart,
 * the EPC QR asks for the amount still due so the bank match stays exact) and the rule in words.
 */
export function reminderStatementView(statement: ReminderStatement): {
	view: InvoicePdfView;
	warnings: PdfWarning[];
} {
	const { document, language } = statement;
	const labels = LABELS[language];
	const text = (key: keyof typeof STATEMENT_LABELS) => STATEMENT_LABELS[key][language];
	const money = (cents: Cents) => formatMoney(cents, language);
	const warnings: PdfWarning[] = [];
	const title = text('title');
	const rows = [
		{
			kind: 'item' as const,
			cells: [
				`${fillTemplate(text('invoiceTotal'), { number: document.number })} · ${formatInvoiceDate(document.issueDate, language)}`,
				money(statement.invoiceTotalCents)
			]
		}
	];
	if (statement.paidCents > 0)
		rows.push({ kind: 'item', cells: [text('paid'), money(-statement.paidCents)] });
	if (statement.creditedCents > 0)
		rows.push({ kind: 'item', cells: [text('credited'), money(-statement.creditedCents)] });
	const totals: TotalLine[] = [
		{ label: text('amountStillDue'), value: money(statement.amountDueCents), emphasis: true }
	];
	const charges = chargeLines(statement, language);
	for (const line of charges) totals.push({ label: line.label, value: money(line.cents) });
	if (charges.length > 0)
		totals.push({
			label: totalLabel(language),
			value: money(statement.amountDueCents + statement.interestCents + statement.flatCents),
			emphasis: true
		});
	const view: InvoicePdfView = {
		title,
		seller: sellerView(document.seller, language, labels),
		buyer: buyerView(document.buyer, document.seller.address.countryCode, language, labels),
		metadata: [
			{ label: text('date'), value: formatInvoiceDate(statement.date, language) },
			{ label: labels.number, value: document.number },
			{ label: labels.issueDate, value: formatInvoiceDate(document.issueDate, language) },
			...(document.dueDate
				? [{ label: labels.dueDate, value: formatInvoiceDate(document.dueDate, language) }]
				: []),
			{ label: text('daysOverdue'), value: String(statement.daysOverdue) }
		],
		table: {
			columns: [
				{ label: labels.description, align: 'left', flexible: true },
				{ label: labels.amount, align: 'right' }
			],
			rows
		},
		totals,
		mentions: [RULE_TEXT[statement.rule][language]],
		continuation: `${title} ${document.number}`,
		pageNumber: labels.pageNumber,
		info: {
			title: `${title} ${document.number}`,
			author: document.seller.name,
			subject: document.buyer.name,
			language: LOCALE[language]
		}
	};
	const payment = paymentView(document, statement.amountDueCents, language, labels, warnings);
	if (payment) view.payment = payment;
	return { view, warnings };
}
