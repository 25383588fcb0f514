/** After this long with changes that no backup holds, the app reminds the user to back up. */
export const BACKUP_REMINDER_DAYS = 14;
/** "Later" hides the reminder for this long. */
export const BACKUP_SNOOZE_DAYS = 7;

const DAY_MS = 86_400_000;

export interface BackupReminderInput {
	/** ISO timestamp of now. */
	now: string;
	/** The oldest change that no backup holds yet; undefined when the last backup has everything. */
	oldestUnsavedChangeAt: string | undefined;
	/** Until when the user put the reminder off. */
	snoozedUntil: string | undefined;
}

/** Whether the reminder is due: some change has waited 14 days for a backup, and it is not put off. */
export function backupReminderDue(input: BackupReminderInput): boolean {
	if (!input.oldestUnsavedChangeAt) return false;
	const now = Date.parse(input.now);
	if (input.snoozedUntil && now < Date.parse(input.snoozedUntil)) return false;
	return now - Date.parse(input.oldestUnsavedChangeAt) >= BACKUP_REMINDER_DAYS * DAY_MS;
}

export function snoozeUntil(now: string): string {
	return new Date(Date.parse(now) + BACKUP_SNOOZE_DAYS * DAY_MS).toISOString();
}
