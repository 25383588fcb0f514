import {
	readStorageReport,
	requestPersistence,
	type StorageReport
} from '$lib/storage/persistence';

class StorageStatus {
	report = $state<StorageReport>({ usedBytes: null, quotaBytes: null, persistent: false });
	/** What the browser answered when the user asked from Settings. */
	answer = $state<'granted' | 'declined' | undefined>();
	#asked = false;

	async refresh(): Promise<void> {
		this.report = await readStorageReport(navigator.storage);
	}

	/** Browsers grant persistence more readily once the user has stored something, so ask after a save. */
	async afterSave(): Promise<void> {
		if (this.#asked) return;
		this.#asked = true;
		await requestPersistence(navigator.storage);
		await this.refresh();
	}

	async ask(): Promise<void> {
		const granted = await requestPersistence(navigator.storage);
		this.answer = granted ? 'granted' : 'declined';
		await this.refresh();
	}
}

export const storageStatus = new StorageStatus();
