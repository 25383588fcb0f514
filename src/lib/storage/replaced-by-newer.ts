import type Dexie from 'dexie';

const replaced = new WeakMap<Dexie, Promise<void>>();

/**
 * When a newer version of the app opens the database with a higher schema version (in another
 * tab), this connection closes for good instead of reopening. Dexie's own handler closes it with
 * auto-open kept, and Dexie 4 then reopens at whatever version the database holds (it retries a
 * VersionError without a version), so a tab still running the old code would go on writing under
 * the old rules: a write the new version's sync expects to be captured, or to clear the seeded
 * mark (seeded-mark.ts), would leave a record that never syncs. Closed, every read or write fails
 * with DatabaseClosedError, which the save shows, and the shell asks the user to reload.
 *
 * A deletion (`newVersion` null) keeps Dexie's handling: nothing newer is waiting to write.
 */
export function closeWhenReplaced(db: Dexie): void {
	let resolve: () => void = () => undefined;
	replaced.set(db, new Promise<void>((done) => (resolve = done)));
	db.on('versionchange', (event: IDBVersionChangeEvent) => {
		if (!event.newVersion) return undefined;
		db.close({ disableAutoOpen: true });
		resolve();
		// Stops Dexie's own handler, which would close again with auto-open kept.
		return false;
	});
}

/** Settles once a newer version has closed this connection (see closeWhenReplaced). */
export function whenReplaced(db: Dexie): Promise<void> {
	return replaced.get(db) ?? new Promise<void>(() => undefined);
}
