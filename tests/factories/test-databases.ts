import { afterEach } from 'vitest';
import { openDb, type BillfoldDb } from '$lib/storage';
import type { StoreEffects } from '$lib/state/settings-effects';

/**
 * A fresh IndexedDB (fake-indexeddb in unit specs) for each test that asks for one, named after
 * the spec, and deleted after the test: call it at the top of a spec file.
 */
export function testDatabases(prefix: string): {
	open(): { db: BillfoldDb; name: string };
	/** The named database opened again, as after a reload; it is the one deleted after the test. */
	reopen(name: string): BillfoldDb;
} {
	let counter = 0;
	let current: BillfoldDb | undefined;
	afterEach(async () => {
		if (current === undefined) return;
		current.close();
		await current.delete();
		current = undefined;
	});
	return {
		open() {
			const name = `${prefix}-${counter++}`;
			current = openDb(name);
			return { db: current, name };
		},
		reopen(name) {
			current?.close();
			current = openDb(name);
			return current;
		}
	};
}

/** The settings, contact and item stores' effects at a fixed time, with counting UUIDv7-shaped ids. */
export function fixedStoreEffects(): StoreEffects {
	let ids = 0;
	return {
		now: () => '2026-11-25T10:00:00.000Z',
		today: () => '2026-11-25',
		newId: () => `0196f000-0000-7000-8000-${(++ids).toString(16).padStart(12, '0')}`,
		afterSave: async () => undefined
	};
}
