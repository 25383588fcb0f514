import { purchaseSearchText, purchaseStatusStore } from '$lib/inbox';
import { appDb } from '$lib/storage';
import type { PurchaseRow, PurchaseSummary } from '$lib/storage/purchase-records';

/*
 * Made-up received documents for the inbox list bench. Bench-only, like bench-invoices.ts: the
 * app has no way to write sample documents into a real inbox.
 */

const SUPPLIERS = Array.from({ length: 300 }, (_, i) => ({
	name: `${['Acme', 'Nova', 'Delta', 'Vos', 'Maes', 'Peeters', 'Dubois', 'Claes'][i % 8]} ${['BV', 'NV', 'SRL'][i % 3]} ${i}`,
	vat: `BE0${String(400_000_000 + i * 7919).slice(0, 9)}`
}));

function hexId(index: number): string {
	return `0000b11d-0000-7000-8000-${index.toString(16).padStart(12, '0')}`;
}

/**
 * `count` received documents over four years from 300 suppliers; every twentieth a credit note
 * correcting the invoice before it, a third of them with a status. Ids and dates derive from the
 * index, so every run seeds the same inbox.
 */
export async function seedBenchPurchases(count: number): Promise<number> {
	const db = appDb();
	const start = Date.parse('2022-01-03T09:00:00Z');
	const rows: PurchaseRow[] = [];
	for (let index = 0; index < count; index++) {
		const supplier = SUPPLIERS[index % SUPPLIERS.length] ?? { name: 'Acme', vat: 'BE0400000000' };
		const issued = new Date(start + index * 3 * 3600 * 1000);
		const issueDate = issued.toISOString().slice(0, 10);
		const credit = index % 20 === 19;
		const cents = 1000 + ((index * 7919) % 500_000);
		const summary: PurchaseSummary = {
			kind: credit ? 'credit-note' : 'invoice',
			number: `${credit ? 'CN' : 'F'}-${issued.getUTCFullYear()}-${String(index).padStart(5, '0')}`,
			supplierName: supplier.name,
			supplierVat: supplier.vat,
			issueDate,
			dueDate: new Date(issued.getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
			currency: 'EUR',
			payable: (cents / 100).toFixed(2),
			payableCents: cents,
			corrects: credit
				? [
						`F-${new Date(start + (index - SUPPLIERS.length) * 3 * 3600 * 1000).getUTCFullYear()}-${String(index - SUPPLIERS.length).padStart(5, '0')}`
					]
				: []
		};
		const sender = `0208:${supplier.vat.slice(2)}`;
		rows.push({
			id: hexId(index),
			seq: index + 1,
			provider: index % 2 === 0 ? 'recommand' : 'letspeppol',
			sender,
			receivedAt: issued.toISOString(),
			sizeBytes: 12_000,
			state: 'read',
			summary,
			problem: null,
			findingCounts: { fatal: index % 50 === 0 ? 1 : 0, warnings: 0 },
			text: purchaseSearchText(summary, sender)
		});
	}
	for (let i = 0; i < rows.length; i += 2_000) await db.purchases.bulkPut(rows.slice(i, i + 2_000));
	const statuses = purchaseStatusStore(db);
	const now = new Date().toISOString();
	for (let index = 0; index < count; index += 3)
		await statuses.put(
			hexId(index),
			index % 2 === 0 ? { status: 'paid', paidOn: '2026-01-15' } : { status: 'to-pay' },
			now
		);
	return count;
}
