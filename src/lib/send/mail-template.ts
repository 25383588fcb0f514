import type { Language, LocalizedText } from '$lib/language';
import type { InvoiceDocument } from '$lib/document';
import { formatLongDate } from '$lib/dates';
import { formatMoney, localeOf } from '$lib/money';
import { formatStructuredReference } from '$lib/payment';

export interface MailTemplate {
	subject: LocalizedText;
	body: LocalizedText;
}

/** Used until the seller writes their own in the settings; placeholders as in the settings. */
export const DEFAULT_MAIL_TEMPLATES: Record<'invoice' | 'creditNote', MailTemplate> = {
	invoice: {
		subject: {
			nl: 'Factuur {number} van {seller}',
			fr: 'Facture {number} de {seller}',
			en: 'Invoice {number} from {seller}',
			de: 'Rechnung {number} von {seller}'
		},
		body: {
			nl: 'Beste {customer},\n\nIn bijlage vindt u factuur {number} van {total}, te betalen tegen {dueDate}.\n\nMet vriendelijke groeten,\n{seller}',
			fr: 'Bonjour {customer},\n\nVeuillez trouver ci-joint la facture {number} de {total}, payable au plus tard le {dueDate}.\n\nBien cordialement,\n{seller}',
			en: 'Dear {customer},\n\nPlease find attached invoice {number} for {total}, due on {dueDate}.\n\nKind regards,\n{seller}',
			de: 'Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie die Rechnung {number} über {total}, fällig am {dueDate}.\n\nMit freundlichen Grüßen\n{seller}'
		}
	},
	creditNote: {
		subject: {
			nl: 'Creditnota {number} van {seller}',
			fr: 'Note de crédit {number} de {seller}',
			en: 'Credit note {number} from {seller}',
			de: 'Gutschrift {number} von {seller}'
		},
		body: {
			nl: 'Beste {customer},\n\nIn bijlage vindt u creditnota {number} van {total}.\n\nMet vriendelijke groeten,\n{seller}',
			fr: 'Bonjour {customer},\n\nVeuillez trouver ci-joint la note de crédit {number} de {total}.\n\nBien cordialement,\n{seller}',
			en: 'Dear {customer},\n\nPlease find attached credit note {number} for {total}.\n\nKind regards,\n{seller}',
			de: 'Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie die Gutschrift {number} über {total}.\n\nMit freundlichen Grüßen\n{seller}'
		}
	}
};

export interface MailText {
	subject: string;
	body: string;
}

/**
 * Fills {number}, {customer}, {total}, {dueDate}, {seller} and {paymentReference} (the OGM as
 * +++xxx/xxxx/xxxxx+++), plus {issueDate} and {amount} (an alias of {total}); unknown ones stay.
 */
export function fillMailTemplate(
	template: MailTemplate,
	document: InvoiceDocument,
	payableCents: number,
	language: Language
): MailText {
	const values: Record<string, string> = {
		number: document.number,
		total: formatMoney(payableCents, language),
		amount: formatMoney(payableCents, language),
		dueDate: formatLongDate(document.dueDate ?? document.issueDate, localeOf(language)),
		issueDate: formatLongDate(document.issueDate, localeOf(language)),
		paymentReference: document.paymentReference
			? formatStructuredReference(document.paymentReference)
			: '',
		customer: document.buyer.contactName ?? document.buyer.name,
		seller: document.seller.tradingName ?? document.seller.name
	};
	const fill = (text: string) =>
		text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
	return { subject: fill(template.subject[language]), body: fill(template.body[language]) };
}

/** Which template text a mail uses, and whether it had to leave the buyer's language. */
export interface MailChoice {
	template: MailTemplate;
	language: Language;
	/** The buyer's language, when its template was empty and the seller's default was used. */
	fellBackFrom: Language | undefined;
}

/**
 * The buyer's language when the seller wrote that template; else the seller's default language
 * (the caller shows a note); else, with both empty, the built-in text in the buyer's language.
 */
export function chooseMailTemplate(
	template: MailTemplate,
	builtIn: MailTemplate,
	wanted: Language,
	fallback: Language
): MailChoice {
	const written = (language: Language) =>
		template.subject[language].trim() !== '' && template.body[language].trim() !== '';
	if (written(wanted)) return { template, language: wanted, fellBackFrom: undefined };
	if (written(fallback)) return { template, language: fallback, fellBackFrom: wanted };
	return { template: builtIn, language: wanted, fellBackFrom: undefined };
}

/** A mailto: link; the body travels percent-encoded with CRLF line breaks (RFC 6068). */
export function mailtoLink(to: string | undefined, text: MailText): string {
	const query = [
		`subject=${encodeURIComponent(text.subject)}`,
		`body=${encodeURIComponent(text.body.replace(/\r?\n/g, '\r\n'))}`
	].join('&');
	return `mailto:${to ? encodeURIComponent(to).replace(/%40/g, '@') : ''}?${query}`;
}
