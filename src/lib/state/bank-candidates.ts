import type { MatchableInvoice } from '$lib/bank';
import type { InvoiceRecord } from '$lib/document';
import { creditedCentsByInvoice, settleInvoice } from '$lib/payment';
import type { InvoiceSummaryRow } from '$lib/storage';

/** What the import page shows of an invoice a movement paid or may pay. */
export interface ImportedInvoice {
	id: string;
	number: string;
	customerName: string;
	balanceCents: number;
}

/**
 * The issued invoices as the matcher sees them: the balance counts payments and credit notes as
 * the overview does, and each customer's known accounts come from the payments recorded before.
 */
export function matchableInvoices(
	records: readonly InvoiceRecord[],
	summaries: readonly InvoiceSummaryRow[]
): MatchableInvoice[] {
	const credited = creditedCentsByInvoice(
		summaries.filter((row) => row.type === 'creditNote' && row.status !== 'draft')
	);
	const totals = new Map(summaries.map((row) => [row.id, row]));
	const accountsByContact = new Map<string, Set<string>>();
	for (const record of records) {
		const accounts = accountsByContact.get(record.contactId ?? '') ?? new Set<string>();
		for (const payment of record.payments)
			if (payment.counterpartyAccount) accounts.add(payment.counterpartyAccount);
		accountsByContact.set(record.contactId ?? '', accounts);
	}
	return records.map((record) => {
		const row = totals.get(record.id) ?? { totalCents: 0, paidCents: 0 };
		const { balanceCents } = settleInvoice({
			totalCents: row.totalCents,
			paidCents: row.paidCents,
			creditedCents: credited.get(record.id) ?? 0
		});
		return {
			id: record.id,
			number: record.number ?? '',
			paymentReference: record.paymentReference?.replace(/\D/g, '') ?? '',
			customerName: record.buyer?.name ?? '',
			accounts: record.contactId ? [...(accountsByContact.get(record.contactId) ?? [])] : [],
			balanceCents
		};
	});
}

export function invoicesById(
	invoices: readonly MatchableInvoice[]
): ReadonlyMap<string, ImportedInvoice> {
	return new Map(
		invoices.map(({ id, number, customerName, balanceCents }) => [
			id,
			{ id, number, customerName, balanceCents }
		])
	);
}

/** How many statements the movements come from. */
export function statementCount(movements: readonly { statementId: string }[]): number {
	return new Set(movements.map((movement) => movement.statementId)).size;
}
