export interface StorageReport {
	usedBytes: number | null;
	quotaBytes: number | null;
	persistent: boolean;
}

/** Reads what the browser reports; a browser without the Storage API reports nothing rather than failing. */
export async function readStorageReport(
	storage: StorageManager | undefined
): Promise<StorageReport> {
	if (!storage) return { usedBytes: null, quotaBytes: null, persistent: false };
	const [estimate, persistent] = await Promise.all([
		storage.estimate ? storage.estimate() : Promise.resolve<StorageEstimate>({}),
		storage.persisted ? storage.persisted() : Promise.resolve(false)
	]);
	return {
		usedBytes: estimate.usage ?? null,
		quotaBytes: estimate.quota ?? null,
		persistent
	};
}

export async function requestPersistence(storage: StorageManager | undefined): Promise<boolean> {
	if (!storage?.persist) return false;
	if (await storage.persisted()) return true;
	return storage.persist();
}
