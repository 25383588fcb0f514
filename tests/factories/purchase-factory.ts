import { purchaseSearchText } from '$lib/inbox/document-summary';
import type { PurchaseRow, PurchaseSummary } from '$lib/storage/purchase-records';

let nextSeq = 0;

/**
 * A received document as the pull stores it: an invoice of Atelier Maes BV unless `summary` says
 * otherwise; `null` makes a document the relay refused. Ids and seq count up per spec file.
 */
export function buildReceivedDocument(
	summary: Partial<PurchaseSummary> | null,
	row: Partial<PurchaseRow> = {}
): PurchaseRow {
	nextSeq += 1;
	const full: PurchaseSummary | null =
		summary === null
			? null
			: {
					kind: 'invoice',
					number: `F-${nextSeq}`,
					supplierName: 'Atelier Maes BV',
					supplierVat: 'BE0123456749',
					issueDate: '2026-03-01',
					dueDate: '2026-03-31',
					currency: 'EUR',
					payable: '121.00',
					payableCents: 12_100,
					corrects: [],
					...summary
				};
	return {
		id: `doc-${nextSeq}`,
		seq: nextSeq,
		provider: 'recommand',
		sender: '0208:0123456749',
		receivedAt: `2026-03-02T10:00:0${nextSeq % 10}Z`,
		sizeBytes: 4_000,
		state: full ? 'read' : 'refused',
		summary: full,
		problem: full ? null : 'Too large',
		findingCounts: full ? { fatal: 0, warnings: 0 } : null,
		text: purchaseSearchText(full, '0208:0123456749'),
		...row
	};
}
