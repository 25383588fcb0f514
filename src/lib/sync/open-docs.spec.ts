import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildContact } from '../../../tests/factories';
import { readRecord } from './record-doc';
import { MemoryRelay } from './testing/memory-relay';
import { settle, startDevice, type TestDevice } from './testing/devices';

let open: TestDevice[] = [];

afterEach(async () => {
	await Promise.all(open.map((device) => device.close()));
	open = [];
});

describe('open docs', () => {
	it('loads a doc while held, follows local and remote changes, and drops it on release', async () => {
		const relay = new MemoryRelay();
		const a = await startDevice(relay, 'a');
		const b = await startDevice(relay, 'b');
		open.push(a, b);
		const contact = buildContact();
		await a.contacts.put(contact.id, contact, '2026-11-25T10:00:00Z');
		const first = await a.runtime.docs.open(contact.id);
		const second = await a.runtime.docs.open(contact.id);
		expect(second.doc).toBe(first.doc);
		expect(readRecord(first.doc).record).toEqual(contact);
		await settle([a, b], relay);
		await b.contacts.put(contact.id, { ...contact, name: 'Renamed on B' }, '2026-11-25T11:00:00Z');
		await settle([a, b], relay);
		await a.runtime.docs.refresh([contact.id]);
		expect(readRecord(first.doc).record.name).toBe('Renamed on B');
		first.release();
		expect(a.runtime.docs.isOpen(contact.id)).toBe(true);
		second.release();
		expect(a.runtime.docs.isOpen(contact.id)).toBe(false);
	});
});
