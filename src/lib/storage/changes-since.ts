import type { BillfoldDb } from './db';

/**
 * The oldest `updatedAt` after `since` among the user's records (contacts, items, invoices and
 * settings), or undefined when nothing changed after it. Each indexed table answers with one
 * index step, so this stays cheap at 100k invoices.
 */
export async function oldestChangeSince(
	db: BillfoldDb,
	since: string
): Promise<string | undefined> {
	const firstAfter = async (table: 'contacts' | 'items' | 'invoices') =>
		(await db[table].where('updatedAt').above(since).first())?.updatedAt;
	const settings = (await db.settings.toArray())
		.map((row) => row.updatedAt)
		.filter((at) => at > since);
	const candidates = [
		...(await Promise.all([firstAfter('contacts'), firstAfter('items'), firstAfter('invoices')])),
		...settings
	].filter((at): at is string => at !== undefined);
	return candidates.sort()[0];
}
