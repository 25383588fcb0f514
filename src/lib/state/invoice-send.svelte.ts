import type { InvoiceRecord } from '$lib/document';
import { DEFAULT_MAIL_TEMPLATES, fillMailTemplate, mailtoLink, type MailText } from '$lib/send';
import {
	documentOf,
	invoiceService,
	payableCents,
	type InvoiceService
} from './invoices.svelte.js';
import { invoiceSources } from './invoice-sources.svelte.js';

/** What the page does to hand an invoice over without a relay: two downloads and a mail link. */
export interface ManualHandOver {
	files: File[];
	mailto: string;
	mail: MailText;
}

/** The e-mail text for an issued invoice, from the seller's template in the invoice language. */
export function mailTextFor(record: InvoiceRecord): MailText {
	const document = documentOf(record);
	const templates = invoiceSources.profile?.emailTemplates ?? DEFAULT_MAIL_TEMPLATES;
	const template = document.type === 'invoice' ? templates.invoice : templates.creditNote;
	return fillMailTemplate(template, document, payableCents(record), document.language);
}

/**
 * Sending: through the relay's outbox when one is connected, otherwise by hand: the PDF and UBL
 * are downloaded, the mail client opens with the template filled in, and the channel is recorded
 * as "downloaded / e-mailed by you".
 */
export class InvoiceSender {
	constructor(private readonly service: InvoiceService = invoiceService) {}

	async handOverManually(id: string): Promise<ManualHandOver> {
		const record = await this.service.get(id);
		if (!record?.number) throw new Error(`invoice ${id} is not issued`);
		const { pdf, ubl } = await this.service.files(id);
		const attachments = await this.service.attachmentFiles(id);
		const mail = mailTextFor(record);
		await this.service.recordSendAttempt(id, {
			channel: 'download',
			at: this.service.clock.now(),
			result: 'sent',
			recipient: record.buyer?.email
		});
		return {
			files: [pdf, ubl, ...attachments],
			mailto: mailtoLink(record.buyer?.email, mail),
			mail
		};
	}
}

export const invoiceSender = new InvoiceSender();
