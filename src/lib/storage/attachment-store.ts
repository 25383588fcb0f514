import type { BillfoldDb } from './db';
import type { AttachmentRow } from './records';

/** Rendered PDF and UBL of an issued invoice live beside, not among, the user's attachments. */
export function renderedOwnerId(invoiceId: string): string {
	return `${invoiceId}#rendered`;
}

export async function putAttachment(db: BillfoldDb, row: AttachmentRow): Promise<void> {
	await db.attachments.put(row);
}

export async function getAttachment(
	db: BillfoldDb,
	id: string
): Promise<AttachmentRow | undefined> {
	return db.attachments.get(id);
}

export async function attachmentsOf(db: BillfoldDb, ownerId: string): Promise<AttachmentRow[]> {
	return db.attachments.where('ownerId').equals(ownerId).toArray();
}

export async function deleteAttachment(db: BillfoldDb, id: string): Promise<void> {
	await db.attachments.delete(id);
}

/** Copies attachments to a new owner (duplicate as draft) under new ids. */
export async function copyAttachments(
	db: BillfoldDb,
	pairs: readonly { fromId: string; toId: string }[],
	ownerId: string
): Promise<void> {
	await db.transaction('rw', db.attachments, async () => {
		for (const { fromId, toId } of pairs) {
			const row = await db.attachments.get(fromId);
			if (row) await db.attachments.put({ ...row, id: toId, ownerId });
		}
	});
}
