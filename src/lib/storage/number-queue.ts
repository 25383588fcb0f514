import type { BillfoldDb } from './db';
import type { CounterRow, NumberQueueRow } from './records';

/** Queues an invoice for the relay's sequencer; queuing the same invoice twice keeps its place. */
export async function enqueueNumbering(db: BillfoldDb, row: NumberQueueRow): Promise<void> {
	await db.transaction('rw', db.numberQueue, async () => {
		const existing = await db.numberQueue.where('invoiceId').equals(row.invoiceId).first();
		if (!existing) await db.numberQueue.add(row);
	});
}

/** In the order the invoices were saved. */
export function queuedNumbering(db: BillfoldDb): Promise<NumberQueueRow[]> {
	return db.numberQueue.orderBy('order').toArray();
}

export async function dequeueNumbering(db: BillfoldDb, invoiceId: string): Promise<void> {
	await db.numberQueue.where('invoiceId').equals(invoiceId).delete();
}

export function localCounters(db: BillfoldDb): Promise<CounterRow[]> {
	return db.counters.toArray();
}
