import type { BillfoldDb } from './db';

export async function readPreference(db: BillfoldDb, key: string): Promise<string | undefined> {
	return (await db.preferences.get(key))?.value;
}

export async function writePreference(db: BillfoldDb, key: string, value: string): Promise<void> {
	await db.preferences.put({ key, value });
}
