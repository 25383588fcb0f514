import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { countPendingDocUpdates, openDb } from '$lib/storage';
import { spyOnRequests } from '$lib/storage/testing/request-spy';
import { buildContact } from '../../../tests/factories';
import { applyRemotePage } from './remote-apply';
import { MemoryRelay } from './testing/memory-relay';
import { settle, startDevice, type TestDevice } from './testing/devices';

const NOW = '2026-11-25T10:00:00.000Z';
let open: TestDevice[] = [];

afterEach(async () => {
	await Promise.all(open.map((device) => device.close()));
	open = [];
});

describe('acknowledging pushed rows', () => {
	it('leaves the update rows as the save wrote them: no row is rewritten, only markers go', async () => {
		const relay = new MemoryRelay();
		const db = openDb(`own-acks-spec-a-${Date.now()}`);
		const calls = spyOnRequests(db);
		const a = await startDevice(relay, 'a', { db, pushBatch: 2 });
		const b = await startDevice(relay, 'b');
		open.push(a, b);
		await settle([a, b], relay);
		a.transport.online = false;
		const saved = Array.from({ length: 5 }, (_, i) => buildContact({ name: `Acked ${i} BV` }));
		for (const contact of saved) await a.contacts.put(contact.id, contact, NOW);
		await a.runtime.engine.syncNow();
		const written = await a.db.docUpdates.toArray();
		expect(await countPendingDocUpdates(a.db)).toBe(saved.length);
		calls.length = 0;
		// Three pushes of up to two rows, each acknowledged, and a row from B applied.
		a.transport.online = true;
		const fromB = buildContact({ name: 'From B BV' });
		await b.contacts.put(fromB.id, fromB, NOW);
		await settle([a, b], relay);
		expect(a.runtime.engine.status).toMatchObject({ pending: 0, cursor: relay.head });
		expect(await countPendingDocUpdates(a.db)).toBe(0);
		expect(await a.contacts.get(fromB.id)).toEqual(fromB);
		// The saved rows are untouched; the one row added is B's.
		const now = await a.db.docUpdates.toArray();
		expect(now.slice(0, written.length)).toEqual(written);
		expect(now.slice(written.length).map((row) => row.origin)).toEqual(['remote']);
		// One write to the log (B's row), none per acknowledged row.
		expect(calls.filter((call) => call === 'mutate docUpdates issued')).toHaveLength(1);
	});

	it('acknowledges an own row pulled back (its answer lost) by its marker alone', async () => {
		const relay = new MemoryRelay();
		const a = await startDevice(relay, 'a');
		open.push(a);
		await settle([a], relay);
		a.transport.online = false;
		const contact = buildContact({ name: 'Lost Answer BV' });
		await a.contacts.put(contact.id, contact, NOW);
		await a.runtime.engine.stop();
		const [row] = await a.db.docUpdates.toArray();
		if (!row) throw new Error('no row');
		const cursor = relay.head;
		// The relay has the row (pushed by a tab whose answer was lost); this tab pulls it back.
		const result = await applyRemotePage(
			a.db,
			[{ seq: cursor + 1, docId: row.docId, clientId: row.clientId, kind: 'update' }],
			cursor,
			NOW
		);
		expect(result.stale).toBe(false);
		expect(await countPendingDocUpdates(a.db)).toBe(0);
		expect(await a.db.docUpdates.toArray()).toEqual([row]);
	});
});
