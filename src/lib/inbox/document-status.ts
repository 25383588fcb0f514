import { z } from 'zod';
import { RecordStore, type BillfoldDb } from '$lib/storage';
import type { PurchaseStateRow } from '$lib/storage/purchase-records';

/**
 * What the user decided about a received document. It is user data: it syncs between the
 * workspace's devices through the encrypted sync like an invoice's status; the relay never sees it.
 * A document without a record is "new".
 */
export const PURCHASE_STATUSES = ['new', 'to-pay', 'paid', 'disputed'] as const;
export type PurchaseStatus = (typeof PURCHASE_STATUSES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');

export const purchaseStatusRecordSchema = z
	.strictObject({
		status: z.enum(PURCHASE_STATUSES, { message: 'must be new, to-pay, paid or disputed' }),
		/** The day it was paid; set exactly when the status is paid. */
		paidOn: isoDate.optional()
	})
	.refine((record) => (record.status === 'paid') === (record.paidOn !== undefined), {
		message: 'is required when the status is paid, and only then',
		path: ['paidOn']
	});
export type PurchaseStatusRecord = z.infer<typeof purchaseStatusRecordSchema>;

export function purchaseStatusStore(
	db: BillfoldDb
): RecordStore<PurchaseStatusRecord, PurchaseStateRow> {
	return new RecordStore(db.purchaseStates, purchaseStatusRecordSchema, (_record, meta) => meta);
}

/** Every document's status by id, for the list (one read of the small synced table). */
export async function allPurchaseStatuses(
	db: BillfoldDb
): Promise<Map<string, PurchaseStatusRecord>> {
	const rows = await db.purchaseStates.toArray();
	const statuses = new Map<string, PurchaseStatusRecord>();
	for (const row of rows) {
		const parsed = purchaseStatusRecordSchema.safeParse(row.data);
		if (parsed.success) statuses.set(row.id, parsed.data);
	}
	return statuses;
}
