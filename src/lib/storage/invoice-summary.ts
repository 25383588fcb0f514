import type { DeliveryChannel, InvoiceStatus } from './invoice-record';

/**
 * The overview's projection of one invoice: small, flat and indexed, so listing, filtering and
 * totalling 100,000 invoices never reads the full records.
 */
export interface InvoiceSummaryRow {
	id: string;
	documentType: 'invoice' | 'creditNote';
	/** "" while a draft. */
	number: string;
	/** The issue date, or the draft's intended one; "" when not set. */
	issueDate: string;
	dueDate: string;
	contactId: string;
	customerName: string;
	/** Total incl. VAT in cents, positive for invoices and credit notes alike. */
	totalCents: number;
	paidCents: number;
	status: InvoiceStatus;
	/** Channel of the last successful delivery, "" when never delivered. */
	channel: DeliveryChannel | '';
	/** Lower-case "number customer" so a search per keystroke is one substring test per row. */
	searchKey: string;
	updatedAt: string;
}

export function invoiceSearchKey(number: string, customerName: string): string {
	return `${number} ${customerName}`.toLowerCase();
}
