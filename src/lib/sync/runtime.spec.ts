import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { countPendingDocUpdates, setSyncOnHint } from '$lib/storage';
import { buildContact } from '../../../tests/factories';
import { MemoryRelay } from './testing/memory-relay';
import { settle, startDevice, type TestDevice } from './testing/devices';

const NOW = '2026-11-25T10:00:00.000Z';
let open: TestDevice[] = [];

afterEach(async () => {
	await Promise.all(open.map((device) => device.close()));
	open = [];
});

describe('starting the sync runtime', () => {
	it('records the docs a tab saved before it loaded the runtime, in one transaction, and syncs them', async () => {
		const relay = new MemoryRelay();
		const a = await startDevice(relay, 'a');
		const first = await startDevice(relay, 'b');
		open.push(a);
		const contact = buildContact({ name: 'Before Runtime BV' });
		await a.contacts.put(contact.id, contact, NOW);
		await settle([a, first], relay);
		// The tab reloads: sync is on, but the runtime is not loaded yet when the user saves.
		await first.runtime.stop();
		setSyncOnHint(first.db, true);
		const edited = { ...contact, name: 'Saved Early BV' };
		await first.contacts.put(contact.id, edited, NOW);
		expect(await first.db.dirtyDocs.count()).toBe(1);
		const b = await startDevice(relay, 'b', { db: first.db });
		open.push(b);
		expect(await b.db.dirtyDocs.count()).toBe(0);
		expect(await countPendingDocUpdates(b.db)).toBe(1);
		await settle([a, b], relay);
		expect(await a.contacts.get(contact.id)).toEqual(edited);
	});
});
