import { oldestChangeSince } from '$lib/storage/changes-since';
import { appDb, type BillfoldDb } from '$lib/storage/db';
import { readPreference, writePreference } from '$lib/storage/preferences';
import { backupReminderDue, snoozeUntil } from './backup-reminder';
import { systemClock } from './invoice-effects';
import { busyTask } from './busy-task.js';

const LAST_BACKUP_KEY = 'backup-last-at';
const SNOOZE_KEY = 'backup-reminder-snoozed-until';

/**
 * Backups of this device's data, with or without sync: the encrypted backup, its restore and the
 * accountant's export, plus the reminder when changes have waited too long for a backup. The
 * date of the last backup stays on this device; the packing code loads only when it is used.
 */
export class BackupStore {
	lastBackupAt = $state<string | undefined>();
	reminderDue = $state(false);
	busy = $state(false);
	error = $state<string | undefined>();

	constructor(
		private readonly db: () => BillfoldDb = appDb,
		private readonly now: () => string = systemClock.now
	) {}

	/** Reads the last backup date and whether the reminder is due. */
	async refresh(): Promise<void> {
		const db = this.db();
		const [lastBackupAt, snoozedUntil] = await Promise.all([
			readPreference(db, LAST_BACKUP_KEY),
			readPreference(db, SNOOZE_KEY)
		]);
		this.lastBackupAt = lastBackupAt || undefined;
		this.reminderDue = backupReminderDue({
			now: this.now(),
			oldestUnsavedChangeAt: await oldestChangeSince(db, this.lastBackupAt ?? ''),
			snoozedUntil: snoozedUntil || undefined
		});
	}

	/** "Later": the reminder stays away for a week. */
	async snooze(): Promise<void> {
		await writePreference(this.db(), SNOOZE_KEY, snoozeUntil(this.now()));
		this.reminderDue = false;
	}

	#guard<T>(work: () => Promise<T>): Promise<T | undefined> {
		return busyTask(this, work);
	}

	/** The encrypted backup file; its time is recorded as the last backup once it is made. */
	exportBackup(passphrase: string): Promise<Blob | undefined> {
		return this.#guard(async () => {
			const { loadSyncExports } = await import('$lib/sync');
			const { exportBackup } = await loadSyncExports();
			const db = this.db();
			// Changes made while the file is packed are not in it: the clock is read before.
			const at = this.now();
			const bytes = await exportBackup(db, passphrase, at);
			await writePreference(db, LAST_BACKUP_KEY, at);
			await this.refresh();
			return new Blob([bytes.slice()], { type: 'application/octet-stream' });
		});
	}

	restoreBackup(file: Blob, passphrase: string): Promise<Record<string, number> | undefined> {
		return this.#guard(async () => {
			const { loadSyncExports } = await import('$lib/sync');
			const { restoreBackup } = await loadSyncExports();
			const summary = await restoreBackup(
				this.db(),
				new Uint8Array(await file.arrayBuffer()),
				passphrase
			);
			await this.refresh();
			return summary.tables;
		});
	}

	/** The accountant's ZIP: kept PDF and UBL of every issued document, plus listing.csv. */
	accountantExport(): Promise<Blob | undefined> {
		return this.#guard(async () => {
			// fflate and the domain's totals load only when the export is asked for.
			const [{ buildAccountantZip, isIssued }, { invoiceService }] = await Promise.all([
				import('$lib/accountant'),
				import('./invoices.svelte.js')
			]);
			const records = (await this.db().invoices.toArray())
				.map((row) => row.data as Parameters<typeof isIssued>[0])
				.filter(isIssued);
			const documents = [];
			for (const record of records) {
				const files = await invoiceService.files(record.id);
				documents.push({
					record,
					pdf: new Uint8Array(await files.pdf.arrayBuffer()),
					ublXml: await files.ubl.text()
				});
			}
			// The received purchase invoices go along as they arrived (original UBL and PDF).
			const [{ accountantPurchases }, { parsePurchaseDocument }] = await Promise.all([
				import('$lib/inbox'),
				import('$lib/inbox/purchase-parser')
			]);
			const purchases = await accountantPurchases(this.db(), parsePurchaseDocument);
			const zip = buildAccountantZip(documents, purchases);
			return new Blob([zip.slice()], { type: 'application/zip' });
		});
	}
}

export const backupState = new BackupStore();
