import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { countPendingDocUpdates, markDocUpdatesPending, openDb } from '$lib/storage';
import { spyOnRequests } from '$lib/storage/testing/request-spy';
import { echoes } from '$lib/storage/testing/zone-echoes';
import { buildContact } from '../../../tests/factories';
import { CURSOR_KEY } from './cursor';
import { storeOwnAcks } from './own-acks';
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

describe('the acknowledgement’s transaction', () => {
	async function seeded(name: string) {
		const db = openDb(`own-acks-echoes-${name}-${Date.now()}`);
		const keys = (await db.docUpdates.bulkAdd(
			Array.from({ length: 6 }, (_, index) => ({
				docId: `doc-${index % 2}`,
				table: 'contacts' as const,
				update: new Uint8Array([index]),
				clientId: `${name}-${index}`,
				origin: 'local' as const
			})),
			{ allKeys: true }
		)) as number[];
		await markDocUpdatesPending(db, keys);
		await db.syncMeta.put({ key: CURSOR_KEY, value: 7 });
		return { db, keys };
	}

	it('stores markers, cursor and census without Dexie carrying its zone through microtask echoes', async () => {
		const { db, keys } = await seeded('census');
		try {
			const before = echoes();
			// A run of three (one range deletion), a single key, and the cursor moved.
			const first = await storeOwnAcks(db, [keys[0], keys[1], keys[2], keys[4]] as number[], {
				after: 7,
				to: 9
			});
			// The run's last acknowledgement, with its census.
			const second = await storeOwnAcks(
				db,
				[keys[3]] as number[],
				{ after: 9, to: 10 },
				{
					touched: ['doc-0', 'doc-1'],
					compactAfterRows: 1
				}
			);
			expect(echoes() - before).toBe(0);
			expect(first).toEqual({ stale: false });
			expect(second.stale).toBe(false);
			expect(second.census).toMatchObject({
				pending: 1,
				cursor: 10,
				rowsPerDoc: new Map([
					['doc-0', 3],
					['doc-1', 3]
				])
			});
			expect(await db.pendingUpdates.toArray()).toEqual([{ seq: keys[5] }]);
		} finally {
			db.close();
			await db.delete();
		}
	});

	it('stores only the markers when another tab moved the cursor, still without echoes', async () => {
		const { db, keys } = await seeded('stale');
		try {
			const before = echoes();
			const stored = await storeOwnAcks(db, keys.slice(0, 2), { after: 3, to: 9 });
			expect(echoes() - before).toBe(0);
			expect(stored).toEqual({ stale: true });
			expect(await db.syncMeta.get(CURSOR_KEY)).toEqual({ key: CURSOR_KEY, value: 7 });
			expect(await countPendingDocUpdates(db)).toBe(4);
		} finally {
			db.close();
			await db.delete();
		}
	});
});
