import { liveQuery } from 'dexie';
import type { BillfoldDb } from '$lib/storage';
import { RECEIVING_KEY_ID } from './receiving-key';

/**
 * Calls back after every change to the inbox in any tab: a document stored by a pull, a status
 * set here or arriving by sync from another device. Reads only the count and the small synced
 * status table, so watching stays cheap at 10,000 documents.
 */
export function watchInbox(db: BillfoldDb, onChange: () => void): () => void {
	let first = true;
	const subscription = liveQuery(() =>
		Promise.all([db.purchases.count(), db.purchaseStates.toArray()])
	).subscribe({
		next: () => {
			if (first) first = false;
			else onChange();
		}
	});
	return () => subscription.unsubscribe();
}

/** Calls back when the receiving key's record changes (it arrives by sync from the device that made it). */
export function watchReceivingKey(db: BillfoldDb, onArrived: () => void): () => void {
	let first = true;
	const subscription = liveQuery(() => db.receivingKeys.get(RECEIVING_KEY_ID)).subscribe({
		next: (row) => {
			// The first answer is the record as it is now, which did not match the relay's key.
			if (first) first = false;
			else if (row) onArrived();
		}
	});
	return () => subscription.unsubscribe();
}
