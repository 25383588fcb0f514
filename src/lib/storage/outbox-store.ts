import { z } from 'zod';
import type { BillfoldDb } from './db';

/**
 * A send waiting for the network. The row holds only the intent; the PDF, UBL and attachments
 * are read from storage when it is flushed, so a queued send costs no extra space.
 */
export const outboxJobSchema = z.object({
	invoiceId: z.string().min(1),
	queuedAt: z.string().min(1),
	/** Failed tries so far; the invoice id stays the idempotency key, so a retry never duplicates. */
	attempts: z.number().int().min(0),
	/** Which send: 0 the first, n the n-th explicit "send again" (the relay keys them apart). */
	resend: z.number().int().min(0).optional(),
	/** email: the user chose e-mail explicitly; absent: the relay picks Peppol or e-mail. */
	channel: z.enum(['email']).optional(),
	/**
	 * reminder: `invoiceId` is a payment reminder's own id and `parentId` the invoice it reminds
	 * of; absent: an invoice or credit note.
	 */
	kind: z.enum(['reminder']).optional(),
	parentId: z.string().min(1).optional()
});
export type OutboxJob = z.infer<typeof outboxJobSchema>;

export async function enqueueSend(db: BillfoldDb, job: OutboxJob): Promise<void> {
	await db.outbox.put({ invoiceId: job.invoiceId, status: 'pending', data: job });
}

export async function pendingSends(db: BillfoldDb): Promise<OutboxJob[]> {
	const rows = await db.outbox.where('status').equals('pending').toArray();
	return rows
		.map((row) => outboxJobSchema.parse(row.data))
		.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

export async function completeSend(db: BillfoldDb, invoiceId: string): Promise<void> {
	await db.outbox.delete(invoiceId);
}

export async function countPendingSends(db: BillfoldDb): Promise<number> {
	return db.outbox.where('status').equals('pending').count();
}
