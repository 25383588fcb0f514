import { toCsv } from '$lib/csv';
import type { PurchaseStatus, PurchaseStatusRecord } from './document-status';
import { centsToDecimalString } from '$lib/money';
import type { PurchaseRow } from '$lib/storage/purchase-records';

/*
 * The purchase list's rows, search, totals and CSV: pure functions of the stored rows and the
 * synced statuses, so the list state (state/purchases.svelte.ts) only holds and derives.
 */

/** One line of the purchase list: the stored row, its synced status and its credit-note balance. */
export interface PurchaseListRow {
	id: string;
	state: PurchaseRow['state'];
	kind: 'invoice' | 'credit-note' | undefined;
	number: string;
	supplierName: string;
	supplierVat: string;
	issueDate: string;
	dueDate: string;
	currency: string;
	/** Signed: a credit note counts negative. */
	totalCents: number;
	/** An invoice's total less the credit notes that correct it; a credit note's own total. */
	balanceCents: number;
	status: PurchaseStatus;
	paidOn: string;
	provider: string;
	sender: string;
	receivedAt: string;
	problem: string;
	fatalFindings: number;
	/** An invoice: the credit notes correcting it; a credit note: the invoice it corrects. */
	creditNoteIds: string[];
	correctsId: string | undefined;
	text: string;
}

export type PurchaseFilter = PurchaseStatus | 'problems' | '';

/** The supplier a document is from, to match a credit note with the invoice it corrects. */
function supplierKey(row: PurchaseRow): string {
	return (row.summary?.supplierVat ?? row.summary?.supplierName ?? '')
		.replace(/\s/g, '')
		.toUpperCase();
}

/**
 * The list's rows, newest first: each document with its status (new without a record) and,
 * for an invoice, the credit notes of the same supplier that name its number (BG-3).
 */
export function purchaseListRows(
	rows: readonly PurchaseRow[],
	statuses: ReadonlyMap<string, PurchaseStatusRecord>
): PurchaseListRow[] {
	const invoices = new Map<string, PurchaseRow>();
	for (const row of rows)
		if (row.summary?.kind === 'invoice')
			invoices.set(`${supplierKey(row)}|${row.summary.number}`, row);
	const credits = new Map<string, { ids: string[]; cents: number }>();
	const corrects = new Map<string, string>();
	for (const row of rows) {
		if (row.summary?.kind !== 'credit-note') continue;
		for (const number of row.summary.corrects) {
			const invoice = invoices.get(`${supplierKey(row)}|${number}`);
			if (!invoice || invoice.summary?.currency !== row.summary.currency) continue;
			const entry = credits.get(invoice.id) ?? { ids: [], cents: 0 };
			entry.ids.push(row.id);
			entry.cents += row.summary.payableCents;
			credits.set(invoice.id, entry);
			corrects.set(row.id, invoice.id);
			break;
		}
	}
	const list = rows.map((row): PurchaseListRow => {
		const summary = row.summary;
		const status = statuses.get(row.id);
		const credit = summary?.kind === 'credit-note';
		const total = summary ? (credit ? -summary.payableCents : summary.payableCents) : 0;
		const creditNotes = credits.get(row.id);
		return {
			id: row.id,
			state: row.state,
			kind: summary?.kind,
			number: summary?.number ?? '',
			supplierName: summary?.supplierName ?? row.sender ?? '',
			supplierVat: summary?.supplierVat ?? '',
			issueDate: summary?.issueDate ?? row.receivedAt.slice(0, 10),
			dueDate: summary?.dueDate ?? '',
			currency: summary?.currency ?? 'EUR',
			totalCents: total,
			balanceCents: creditNotes ? total - creditNotes.cents : total,
			status: status?.status ?? 'new',
			paidOn: status?.paidOn ?? '',
			provider: row.provider,
			sender: row.sender ?? '',
			receivedAt: row.receivedAt,
			problem: row.problem ?? '',
			fatalFindings: row.findingCounts?.fatal ?? 0,
			creditNoteIds: creditNotes?.ids ?? [],
			correctsId: corrects.get(row.id),
			text: row.text
		};
	});
	return list.sort((a, b) =>
		a.issueDate === b.issueDate
			? b.receivedAt.localeCompare(a.receivedAt)
			: b.issueDate.localeCompare(a.issueDate)
	);
}

/** One pass per keystroke: a substring test on the prepared text, and the status. */
export function filterPurchases(
	rows: readonly PurchaseListRow[],
	search: string,
	filter: PurchaseFilter
): PurchaseListRow[] {
	const needle = search.trim().toLowerCase();
	if (needle === '' && filter === '') return rows as PurchaseListRow[];
	return rows.filter(
		(row) =>
			(needle === '' || row.text.includes(needle)) &&
			(filter === '' ||
				(filter === 'problems'
					? row.state !== 'read' || row.fatalFindings > 0
					: row.status === filter))
	);
}

export interface PurchaseTotals {
	count: number;
	/** Per currency: everything listed, and what is still to pay (not paid, not disputed). */
	byCurrency: { currency: string; totalCents: number; openCents: number }[];
}

export function purchaseTotals(rows: readonly PurchaseListRow[]): PurchaseTotals {
	const sums = new Map<string, { totalCents: number; openCents: number }>();
	for (const row of rows) {
		if (row.state !== 'read') continue;
		const sum = sums.get(row.currency) ?? { totalCents: 0, openCents: 0 };
		sum.totalCents += row.totalCents;
		// A credit note that corrects a listed invoice is already in that invoice's balance.
		const open =
			row.status !== 'paid' && row.status !== 'disputed' && row.correctsId === undefined
				? row.balanceCents
				: 0;
		sum.openCents += open;
		sums.set(row.currency, sum);
	}
	return {
		count: rows.length,
		byCurrency: [...sums]
			.map(([currency, sum]) => ({ currency, ...sum }))
			.sort((a, b) => a.currency.localeCompare(b.currency))
	};
}

function decimal(cents: number): string {
	return cents < 0 ? `-${centsToDecimalString(-cents)}` : centsToDecimalString(cents);
}

/** The list as CSV, in the UI's words for kind and status. */
export function purchasesCsv(
	rows: readonly PurchaseListRow[],
	headers: readonly string[],
	label: (row: PurchaseListRow) => { kind: string; status: string; arrived: string }
): string {
	const lines = rows.map((row) => {
		const text = label(row);
		return [
			row.supplierName,
			row.supplierVat,
			text.kind,
			row.number,
			row.issueDate,
			row.dueDate,
			row.currency,
			decimal(row.totalCents),
			decimal(row.balanceCents),
			text.status,
			row.paidOn,
			text.arrived,
			row.problem
		];
	});
	return toCsv([headers, ...lines]);
}
