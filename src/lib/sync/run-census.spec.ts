import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildContact } from '../../../tests/factories';
import type { SyncStatus } from './sync-engine';
import { MemoryRelay } from './testing/memory-relay';
import { settle, startDevice, type TestDevice } from './testing/devices';

const NOW = '2026-11-25T10:00:00.000Z';
let open: TestDevice[] = [];

afterEach(async () => {
	await Promise.all(open.map((device) => device.close()));
	open = [];
});

/** The first `synced` status the device announces from now on. */
function nextSynced(device: TestDevice): Promise<SyncStatus> {
	return new Promise((resolve) => {
		let initial = true;
		const unsubscribe = device.runtime.engine.subscribe((status) => {
			// subscribe() replays the current status first: not news.
			if (initial) return;
			if (status.state !== 'synced') return;
			unsubscribe();
			resolve(status);
		});
		initial = false;
	});
}

describe('the census a run reads in its last write', () => {
	it('counts what that write stored: the receiver’s apply and the sender’s acknowledgement report the new cursor and nothing pending', async () => {
		const relay = new MemoryRelay();
		const a = await startDevice(relay, 'a');
		const b = await startDevice(relay, 'b');
		open.push(a, b);
		await settle([a, b], relay);
		for (let i = 0; i < 3; i++) {
			const sent = nextSynced(a);
			const received = nextSynced(b);
			const contact = buildContact({ name: `Census ${i} BV` });
			await a.contacts.put(contact.id, contact, NOW);
			// No settle(): its extra runs would read a census of their own and hide a stale one.
			// B runs only because the poke woke it: its apply's transaction read the census.
			expect(await received).toMatchObject({ cursor: relay.head, pending: 0 });
			expect(await sent).toMatchObject({ cursor: relay.head, pending: 0 });
			expect(await b.contacts.get(contact.id)).toEqual(contact);
		}
	});
});
