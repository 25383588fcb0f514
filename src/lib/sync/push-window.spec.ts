import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildContact } from '../../../tests/factories';
import { openDb, writeSyncMeta } from '$lib/storage';
import type { SyncStatus } from './sync-engine';
import { BOOTSTRAPPED_KEY } from './sync-setup';
import type { PushRow } from './transport';
import { MemoryRelay } from './testing/memory-relay';
import { startDevice, type TestDevice } from './testing/devices';

const NOW = '2026-12-06T23:00:00.000Z';
/** Long enough that a test only ends if the window is never waited out. */
const LONG_WINDOW = 60_000;
let open: TestDevice[] = [];

afterEach(async () => {
	await Promise.all(open.map((device) => device.close()));
	open = [];
});

/**
 * A device whose first push waits until `answer` is called, so saves can be made while it is on
 * its way; `pushes` lists the docs of every push, in order.
 */
async function deviceWithSlowFirstPush(pushBatch: number) {
	const relay = new MemoryRelay();
	// Joined already: a first sync would seed docs and then sync again, which ends any wait.
	const db = openDb(`push-window-${crypto.randomUUID()}`);
	await writeSyncMeta(db, BOOTSTRAPPED_KEY, true);
	const device = await startDevice(relay, 'a', { db, pushBatch, pushWindowMs: LONG_WINDOW });
	open.push(device);
	// The start's first run pushes nothing; let it finish so the next run is a save's.
	await device.runtime.engine.syncNow();
	const pushes: string[][] = [];
	let answer = () => {};
	const answered = new Promise<void>((resolve) => (answer = resolve));
	const push = device.transport.push.bind(device.transport);
	device.transport.push = async (rows: readonly PushRow[]) => {
		pushes.push(rows.map((row) => row.docId));
		if (pushes.length === 1) await answered;
		return push(rows);
	};
	return { relay, device, pushes, answer };
}

function untilStatus(device: TestDevice, done: (status: SyncStatus) => boolean): Promise<void> {
	return new Promise<void>((resolve) => {
		const stop = device.runtime.engine.subscribe((status) => {
			if (!done(status)) return;
			queueMicrotask(() => stop());
			resolve();
		});
	});
}

describe('push window', () => {
	it('holds the saves made during a push until a full batch is waiting, then pushes them in one', async () => {
		const { device, pushes, answer } = await deviceWithSlowFirstPush(3);
		const [first, ...burst] = [1, 2, 3, 4].map((n) => buildContact({ name: `Burst ${n} BV` }));
		if (!first || burst.length !== 3) throw new Error('contacts');
		await device.contacts.put(first.id, first, NOW);
		// Two saves while the first push is on its way: saves are coming faster than pushes.
		for (const contact of burst.slice(0, 2)) await device.contacts.put(contact.id, contact, NOW);
		const firstRunDone = untilStatus(device, (status) => status.state === 'synced');
		answer();
		await firstRunDone;
		// Without the window, the two waiting saves would already be on their way alone.
		const last = burst[2];
		if (!last) throw new Error('contacts');
		await device.contacts.put(last.id, last, NOW);
		await untilStatus(device, (status) => status.state === 'synced' && status.pending === 0);
		expect(pushes).toEqual([[first.id], burst.map((contact) => contact.id)]);
	});

	it('pushes a lone save made during a push as soon as that push is answered', async () => {
		const { relay, device, pushes, answer } = await deviceWithSlowFirstPush(500);
		const [first, second] = [1, 2].map((n) => buildContact({ name: `Lone ${n} BV` }));
		if (!first || !second) throw new Error('contacts');
		await device.contacts.put(first.id, first, NOW);
		await device.contacts.put(second.id, second, NOW);
		answer();
		// A held push would only go after LONG_WINDOW, far past the test's timeout.
		await untilStatus(device, (status) => status.state === 'synced' && status.cursor === 2);
		expect(pushes).toEqual([[first.id], [second.id]]);
		expect(relay.head).toBe(2);
	});
});
