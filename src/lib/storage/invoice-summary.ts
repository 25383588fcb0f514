import type { InvoiceRecord, InvoiceStatus, SendAttempt } from '$lib/document';
import { computeTotals } from '$lib/invoice';

/**
 * The overview's projection of one invoice: small, flat and indexed, so listing, filtering and
 * totalling 100,000 invoices never reads the full records.
 */
export interface InvoiceSummaryRow {
	id: string;
	type: 'invoice' | 'creditNote';
	/** "" while a draft. */
	number: string;
	/** The issue date, or the draft's intended one; "" when not set. */
	issueDate: string;
	dueDate: string;
	contactId: string;
	customerName: string;
	/** For a credit note, the id of the invoice it corrects; "" otherwise. */
	correctsId: string;
	/** Total incl. VAT in cents, positive for invoices and credit notes alike. */
	totalCents: number;
	paidCents: number;
	status: InvoiceStatus;
	/** Channel of the last successful delivery, "" when never delivered. */
	channel: SendAttempt['channel'] | '';
	/** The warning code the relay noted on the newest delivery, "" when none. */
	warning: string;
	/** The reminder steps made so far (0 or absent: none), for the overview's "To remind". */
	reminderCount?: number;
	/** The day the newest reminder went out (or was made, while queued); "" when none. */
	lastReminderOn?: string;
	/** Lower-case "number customer" so a search per keystroke is one substring test per row. */
	searchKey: string;
	updatedAt: string;
}

export function invoiceSearchKey(number: string, customerName: string): string {
	return `${number} ${customerName}`.toLowerCase();
}

/** Total incl. VAT as far as the record's lines can be totalled; drafts may not be complete. */
export function recordTotalCents(record: InvoiceRecord): number {
	try {
		return computeTotals({
			lines: record.lines,
			vatCodes: record.vatCodes ?? [],
			cashDiscount: record.cashDiscount,
			issueDate: record.issueDate
		}).taxInclusiveCents;
	} catch {
		return 0;
	}
}

/** Everything the overview shows, derived from the record alone (a draft may name its buyer late). */
export function summarizeInvoice(record: InvoiceRecord, customerName?: string): InvoiceSummaryRow {
	const number = record.number ?? '';
	const name = record.buyer?.name ?? customerName ?? '';
	const lastSent = record.sendHistory.findLast((attempt) => attempt.result === 'sent');
	const reminders = record.reminders ?? [];
	return {
		id: record.id,
		// A quote never gets an overview row (invoice-store's putSummary leaves it out).
		type: record.type === 'creditNote' ? 'creditNote' : 'invoice',
		number,
		issueDate: record.issueDate ?? '',
		dueDate: record.dueDate ?? '',
		contactId: record.contactId ?? '',
		customerName: name,
		correctsId: record.type === 'creditNote' ? (record.correctsInvoiceId ?? '') : '',
		totalCents: recordTotalCents(record),
		paidCents: record.payments.reduce((sum, payment) => sum + payment.amountCents, 0),
		status: record.status,
		channel: lastSent?.channel ?? '',
		warning:
			record.sendHistory.findLast((attempt) => attempt.warnings?.length)?.warnings?.[0]?.code ?? '',
		reminderCount: reminders.reduce((most, reminder) => Math.max(most, reminder.step), 0),
		lastReminderOn: reminders.reduce((latest, reminder) => {
			const on =
				reminder.sendHistory.find((attempt) => attempt.result === 'sent')?.at.slice(0, 10) ??
				reminder.date;
			return on > latest ? on : latest;
		}, ''),
		searchKey: invoiceSearchKey(number, name),
		updatedAt: record.updatedAt
	};
}
