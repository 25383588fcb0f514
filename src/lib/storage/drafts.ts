import type { BillfoldDb } from './db';

export async function readDraft(db: BillfoldDb, key: string): Promise<unknown> {
	return (await db.drafts.get(key))?.value;
}

export async function writeDraft(
	db: BillfoldDb,
	key: string,
	value: unknown,
	now: string
): Promise<void> {
	await db.drafts.put({ key, value, updatedAt: now });
}

export async function discardDraft(db: BillfoldDb, key: string): Promise<void> {
	await db.drafts.delete(key);
}
