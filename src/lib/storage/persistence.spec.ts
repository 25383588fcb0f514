import { describe, expect, it } from 'vitest';
import { readStorageReport, requestPersistence } from './persistence';

function fakeStorage(persisted: boolean, grant: boolean): StorageManager {
	let state = persisted;
	return {
		estimate: async () => ({ usage: 2048, quota: 1_000_000 }),
		persisted: async () => state,
		persist: async () => {
			state = grant;
			return grant;
		},
		getDirectory: async () => {
			throw new Error('not used');
		}
	} as StorageManager;
}

describe('storage persistence', () => {
	it('reports usage, quota and persistence', async () => {
		expect(await readStorageReport(fakeStorage(true, true))).toEqual({
			usedBytes: 2048,
			quotaBytes: 1_000_000,
			persistent: true
		});
	});

	it('reports nothing rather than failing without the Storage API', async () => {
		expect(await readStorageReport(undefined)).toEqual({
			usedBytes: null,
			quotaBytes: null,
			persistent: false
		});
		expect(await requestPersistence(undefined)).toBe(false);
	});

	it('asks once and returns what the browser granted', async () => {
		expect(await requestPersistence(fakeStorage(false, true))).toBe(true);
		expect(await requestPersistence(fakeStorage(false, false))).toBe(false);
	});
});
