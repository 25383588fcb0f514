import type { BillfoldDb } from './db';

/** Device-local: the reminder ids this device handed to the relay, with their invoice. */
export interface ReminderLinkRow {
	reminderId: string;
	invoiceId: string;
}

export async function linkReminder(
	db: BillfoldDb,
	reminderId: string,
	invoiceId: string
): Promise<void> {
	await db.reminderLinks.put({ reminderId, invoiceId });
}

/** The invoice a reminder this device sent belongs to; undefined for one it does not know. */
export async function invoiceOfReminder(
	db: BillfoldDb,
	reminderId: string
): Promise<string | undefined> {
	return (await db.reminderLinks.get(reminderId))?.invoiceId;
}
