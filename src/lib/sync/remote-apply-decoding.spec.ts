import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb } from '$lib/storage';
import { spyOnRequests } from '$lib/storage/testing/request-spy';
import { buildContact } from '../../../tests/factories';
import { MemoryRelay } from './testing/memory-relay';
import { settle, startDevice, type TestDevice } from './testing/devices';

/** Where a remote decode is told, beside the requests the spy records. */
const decodes = vi.hoisted(() => ({ log: undefined as string[] | undefined }));

vi.mock('./record-doc', async (importOriginal) => {
	const original = await importOriginal<typeof import('./record-doc')>();
	return {
		...original,
		applyUpdates: (...args: Parameters<typeof original.applyUpdates>) => {
			if (args[2] === 'remote') decodes.log?.push('remote decode');
			original.applyUpdates(...args);
		}
	};
});

const NOW = '2026-11-25T10:00:00.000Z';
let open: TestDevice[] = [];

afterEach(async () => {
	decodes.log = undefined;
	await Promise.all(open.map((device) => device.close()));
	open = [];
});

describe('applying a row heard live', () => {
	it('decodes a new record while its reads are in flight, once, and writes it as soon as they are answered', async () => {
		const relay = new MemoryRelay();
		const a = await startDevice(relay, 'a');
		const db = openDb('apply-decoding-b');
		const calls = spyOnRequests(db);
		const b = await startDevice(relay, 'b', { db });
		open.push(a, b);
		await settle([a, b], relay);
		const applied = new Promise<void>((resolve) => {
			const stop = b.runtime.engine.subscribe((status) => {
				if (status.state !== 'synced' || status.cursor < relay.head || relay.head === 0) return;
				queueMicrotask(() => stop());
				resolve();
			});
		});
		calls.length = 0;
		decodes.log = calls;
		const contact = buildContact({ name: 'Decoded Early BV' });
		await a.contacts.put(contact.id, contact, NOW);
		await applied;
		decodes.log = undefined;
		// B's apply: its reads of the cursor and of the doc's rows, then its writes to the log.
		const decoded = calls.indexOf('remote decode');
		const answered = calls.indexOf('query docUpdates by docId answered');
		const written = calls.indexOf('mutate docUpdates issued');
		expect(decoded).toBeGreaterThanOrEqual(0);
		expect(decoded).toBeLessThan(answered);
		expect(answered).toBeLessThan(written);
		// The view decoded meanwhile is the one projected: no second decode after the reads.
		expect(calls.filter((call) => call === 'remote decode')).toHaveLength(1);
		expect(await b.contacts.get(contact.id)).toEqual(contact);
	});

	it('decodes an edit of a record the device holds with its stored rows, as before', async () => {
		const relay = new MemoryRelay();
		const a = await startDevice(relay, 'a');
		const b = await startDevice(relay, 'b');
		open.push(a, b);
		const contact = buildContact({ name: 'Before BV' });
		await a.contacts.put(contact.id, contact, NOW);
		await settle([a, b], relay);
		const edited = { ...contact, name: 'After BV' };
		await a.contacts.put(contact.id, edited, NOW);
		await settle([a, b], relay);
		expect(await b.contacts.get(contact.id)).toEqual(edited);
	});
});
