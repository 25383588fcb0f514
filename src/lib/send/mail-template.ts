import type { InvoiceDocument } from '$lib/document';
import { formatMoney, type Language } from '$lib/money';
import type { LocalizedText } from '$lib/vat';

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
			nl: 'Beste {customer},\n\nIn bijlage vindt u factuur {number} van {amount}, te betalen tegen {dueDate}.\n\nMet vriendelijke groeten,\n{seller}',
			fr: 'Bonjour {customer},\n\nVeuillez trouver ci-joint la facture {number} de {amount}, payable au plus tard le {dueDate}.\n\nBien cordialement,\n{seller}',
			en: 'Dear {customer},\n\nPlease find attached invoice {number} for {amount}, due on {dueDate}.\n\nKind regards,\n{seller}',
			de: 'Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie die Rechnung {number} über {amount}, fällig am {dueDate}.\n\nMit freundlichen Grüßen\n{seller}'
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
			nl: 'Beste {customer},\n\nIn bijlage vindt u creditnota {number} van {amount}.\n\nMet vriendelijke groeten,\n{seller}',
			fr: 'Bonjour {customer},\n\nVeuillez trouver ci-joint la note de crédit {number} de {amount}.\n\nBien cordialement,\n{seller}',
			en: 'Dear {customer},\n\nPlease find attached credit note {number} for {amount}.\n\nKind regards,\n{seller}',
			de: 'Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie die Gutschrift {number} über {amount}.\n\nMit freundlichen Grüßen\n{seller}'
		}
	}
};

export interface MailText {
	subject: string;
	body: string;
}

/** Fills {number}, {amount}, {dueDate}, {issueDate}, {customer} and {seller}; unknown ones stay. */
export function fillMailTemplate(
	template: MailTemplate,
	document: InvoiceDocument,
	payableCents: number,
	language: Language
): MailText {
	const values: Record<string, string> = {
		number: document.number,
		amount: formatMoney(payableCents, language),
		dueDate: document.dueDate ?? document.issueDate,
		issueDate: document.issueDate,
		customer: document.buyer.contactName ?? document.buyer.name,
		seller: document.seller.tradingName ?? document.seller.name
	};
	const fill = (text: string) =>
		text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
	return { subject: fill(template.subject[language]), body: fill(template.body[language]) };
}

/** A mailto: link; the body travels percent-encoded with CRLF line breaks (RFC 6068). */
export function mailtoLink(to: string | undefined, text: MailText): string {
	const query = [
		`subject=${encodeURIComponent(text.subject)}`,
		`body=${encodeURIComponent(text.body.replace(/\r?\n/g, '\r\n'))}`
	].join('&');
	return `mailto:${to ? encodeURIComponent(to).replace(/%40/g, '@') : ''}?${query}`;
}
