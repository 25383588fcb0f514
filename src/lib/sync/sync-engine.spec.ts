import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Contact } from '$lib/contacts';
import { listSyncIssues, openDb, pendingDocUpdates, readSyncMeta } from '$lib/storage';
import { TransportError, type PushRow } from './transport';
import type { SyncStatus } from './sync-engine';
import { buildContact } from '../../../tests/factories';
import { MemoryRelay } from './testing/memory-relay';
import { settle, startDevice, TEST_KEY, TEST_WORKSPACE, type TestDevice } from './testing/devices';
import { sealEnvelope } from './envelope';
import { encodePayload } from './payload';
import { importWorkspaceKey } from './workspace-key';

const NOW = '2026-11-25T10:00:00.000Z';
let open: TestDevice[] = [];

afterEach(async () => {
	await Promise.all(open.map((device) => device.close()));
	open = [];
});

async function devices(relay: MemoryRelay, ...names: string[]): Promise<TestDevice[]> {
	const started = await Promise.all(names.map((name) => startDevice(relay, name)));
	open.push(...started);
	return started;
}

/** Resolves at the first status of the device's engine that `done` accepts. */
function untilStatus(device: TestDevice, done: (status: SyncStatus) => boolean): Promise<void> {
	return new Promise<void>((resolve) => {
		const stop = device.runtime.engine.subscribe((status) => {
			if (!done(status)) return;
			queueMicrotask(() => stop());
			resolve();
		});
	});
}

/**
 * Two tabs of one device: a second database connection and engine on tab 1's IndexedDB. Tab 2
 * is closed by `closeTab` (before tab 1 deletes the database).
 */
async function twoTabs(relay: MemoryRelay): Promise<{ tab1: TestDevice; tab2: TestDevice }> {
	const [tab1] = await devices(relay, 'tab1');
	if (!tab1) throw new Error('devices');
	const tab2 = await startDevice(relay, 'tab2', { db: openDb(tab1.db.name) });
	return { tab1, tab2 };
}

async function closeTab(tab: TestDevice): Promise<void> {
	await tab.runtime.stop();
	tab.db.close();
}

/** Tab 1 saves a contact while its push fails, then closes: the row stays pending in the db. */
async function leaveRowPending(tab1: TestDevice): Promise<Contact> {
	tab1.transport.online = false;
	const left = buildContact({ name: 'Left Behind BV' });
	await tab1.contacts.put(left.id, left, NOW);
	await tab1.runtime.engine.syncNow();
	expect(tab1.runtime.engine.status).toMatchObject({ state: 'offline', pending: 1 });
	await tab1.runtime.stop();
	return left;
}

async function contactsOf(device: TestDevice): Promise<Contact[]> {
	return (await device.contacts.all()).sort((a, b) => a.id.localeCompare(b.id));
}

describe('sync engine with an in-memory relay', () => {
	it('brings a contact saved on one device to the others, through the projection', async () => {
		const relay = new MemoryRelay();
		const [a, b, c] = await devices(relay, 'a', 'b', 'c');
		if (!a || !b || !c) throw new Error('devices');
		const contact = buildContact({ name: 'Peeters & Zonen BV' });
		await a.contacts.put(contact.id, contact, NOW);
		await settle([a, b, c], relay);
		expect(await b.contacts.get(contact.id)).toEqual(contact);
		expect(await c.contacts.get(contact.id)).toEqual(contact);
		expect((await c.db.contacts.get(contact.id))?.name).toBe('Peeters & Zonen BV');
		// A poke may have started one more (empty) run; wait for it before reading the status.
		await a.runtime.engine.syncNow();
		expect(a.runtime.engine.status).toMatchObject({ state: 'synced', pending: 0, error: null });
	});

	it('merges concurrent offline edits of different fields, also inside the address', async () => {
		const relay = new MemoryRelay();
		const [a, b] = await devices(relay, 'a', 'b');
		if (!a || !b) throw new Error('devices');
		const contact = buildContact();
		await a.contacts.put(contact.id, contact, NOW);
		await settle([a, b], relay);
		a.transport.online = false;
		b.transport.online = false;
		await a.contacts.put(contact.id, { ...contact, email: 'boekhouding@acme.example' }, NOW);
		await a.contacts.put(
			contact.id,
			{
				...contact,
				email: 'boekhouding@acme.example',
				address: { ...contact.address, city: 'Gent' }
			},
			NOW
		);
		await b.contacts.put(
			contact.id,
			{ ...contact, name: 'Acme Belgium BV', address: { ...contact.address, street: 'Meir 12' } },
			NOW
		);
		a.transport.online = true;
		b.transport.online = true;
		await settle([a, b], relay);
		const expected = {
			...contact,
			name: 'Acme Belgium BV',
			email: 'boekhouding@acme.example',
			address: { ...contact.address, street: 'Meir 12', city: 'Gent' }
		};
		expect(await a.contacts.get(contact.id)).toEqual(expected);
		expect(await b.contacts.get(contact.id)).toEqual(expected);
	});

	it('applies the rows a poke carries without pulling them', async () => {
		const relay = new MemoryRelay();
		const [a, b] = await devices(relay, 'a', 'b');
		if (!a || !b) throw new Error('devices');
		await settle([a, b], relay);
		const pullsBefore = b.transport.pulls;
		const contact = buildContact({ name: 'Poked BV' });
		await a.contacts.put(contact.id, contact, NOW);
		await a.runtime.engine.syncNow();
		await b.runtime.engine.syncNow();
		expect(await b.contacts.get(contact.id)).toEqual(contact);
		expect(b.runtime.engine.status.cursor).toBe(relay.head);
		expect(b.transport.pulls).toBe(pullsBefore);
	});

	it('stores a save’s acknowledgement, and applies it on the other device, each in one transaction that also ends the run', async () => {
		const relay = new MemoryRelay();
		const [first, second] = await devices(relay, 'a', 'b');
		if (!first || !second) throw new Error('devices');
		await settle([first, second], relay);
		// Restarted, the devices seed missing docs before they start, not in the background.
		const [a, b] = await Promise.all(
			[first, second].map(async (device) => {
				await device.runtime.stop();
				return startDevice(relay, device.name, { db: device.db });
			})
		);
		if (!a || !b) throw new Error('devices');
		open.push(a, b);
		await settle([a, b], relay);
		const headBefore = relay.head;
		// Every IndexedDB transaction starts in the DBCore, below Dexie's table API.
		const counted = [a, b].map((device) => {
			const core = device.db.core;
			const transaction = core.transaction;
			const count = { transactions: 0 };
			core.transaction = (...args) => {
				count.transactions++;
				return transaction.apply(core, args);
			};
			return { core, transaction, count };
		});
		const aDone = untilStatus(
			a,
			(status) => status.state === 'synced' && status.pending === 0 && status.cursor > headBefore
		);
		const bDone = untilStatus(
			b,
			(status) => status.state === 'synced' && status.cursor > headBefore
		);
		const contact = buildContact({ name: 'Counted BV' });
		try {
			await a.contacts.put(contact.id, contact, NOW);
			await Promise.all([aDone, bDone]);
		} finally {
			for (const { core, transaction } of counted) core.transaction = transaction;
		}
		expect(await b.contacts.get(contact.id)).toEqual(contact);
		// A: the save, then its acknowledgement with the cursor moved and the run's counts read.
		expect(counted[0]?.count.transactions).toBe(2);
		// B: the poke's rows applied, the run's counts read in the same transaction.
		expect(counted[1]?.count.transactions).toBe(1);
	});

	it('pulls when a poke leaves a gap after a missed one, and loses or reorders nothing', async () => {
		const relay = new MemoryRelay();
		const [a, b] = await devices(relay, 'a', 'b');
		if (!a || !b) throw new Error('devices');
		await settle([a, b], relay);
		const pullsBefore = b.transport.pulls;
		const first = buildContact({ name: 'Missed BV' });
		const second = buildContact({ name: 'Heard BV' });
		b.transport.dropPokes = 1;
		await a.contacts.put(first.id, first, NOW);
		await a.runtime.engine.syncNow();
		await a.contacts.put(second.id, second, NOW);
		await a.runtime.engine.syncNow();
		await b.runtime.engine.syncNow();
		expect(await b.contacts.get(first.id)).toEqual(first);
		expect(await b.contacts.get(second.id)).toEqual(second);
		expect(b.transport.pulls).toBeGreaterThan(pullsBefore);
		const remote = (await b.db.docUpdates.toArray())
			.filter((row) => row.origin === 'remote')
			.map((row) => row.remoteSeq);
		expect(remote).toEqual([...remote].sort((x, y) => (x ?? 0) - (y ?? 0)));
		expect(b.runtime.engine.status.cursor).toBe(relay.head);
	});

	it('pulls when the poke had no room for the rows', async () => {
		const relay = new MemoryRelay();
		const [a, b] = await devices(relay, 'a', 'b');
		if (!a || !b) throw new Error('devices');
		await settle([a, b], relay);
		relay.pokeRowLimit = 0;
		const pullsBefore = b.transport.pulls;
		const contact = buildContact({ name: 'Too Big BV' });
		await a.contacts.put(contact.id, contact, NOW);
		await a.runtime.engine.syncNow();
		await b.runtime.engine.syncNow();
		expect(await b.contacts.get(contact.id)).toEqual(contact);
		expect(b.transport.pulls).toBeGreaterThan(pullsBefore);
	});

	it('deletes on the other devices too', async () => {
		const relay = new MemoryRelay();
		const [a, b] = await devices(relay, 'a', 'b');
		if (!a || !b) throw new Error('devices');
		const contact = buildContact();
		await a.contacts.put(contact.id, contact, NOW);
		await settle([a, b], relay);
		await b.contacts.delete(contact.id);
		await settle([a, b], relay);
		expect(await a.contacts.get(contact.id)).toBeUndefined();
	});

	it('converges for random concurrent offline edits on three devices (property)', async () => {
		const fields = ['name', 'email', 'city', 'customerReference'] as const;
		const operation = fc.oneof(
			fc.record({
				kind: fc.constant('edit' as const),
				device: fc.integer({ min: 0, max: 2 }),
				contact: fc.integer({ min: 0, max: 1 }),
				field: fc.constantFrom(...fields),
				value: fc.stringMatching(/^[a-z]{1,8}$/)
			}),
			fc.record({ kind: fc.constant('toggle' as const), device: fc.integer({ min: 0, max: 2 }) }),
			fc.record({ kind: fc.constant('sync' as const), device: fc.integer({ min: 0, max: 2 }) })
		);
		await fc.assert(
			fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
				const relay = new MemoryRelay();
				const group = await Promise.all(['p', 'q', 'r'].map((name) => startDevice(relay, name)));
				try {
					const seeds = [buildContact({ name: 'Seed One' }), buildContact({ name: 'Seed Two' })];
					const [first] = group;
					for (const seed of seeds) await first?.contacts.put(seed.id, seed, NOW);
					await settle(group, relay);
					const written = new Map<string, Set<unknown>>();
					for (const op of operations) {
						const device = group[op.device];
						if (!device) continue;
						if (op.kind === 'toggle') device.transport.online = !device.transport.online;
						if (op.kind === 'sync') await device.runtime.engine.syncNow();
						if (op.kind !== 'edit') continue;
						const seed = seeds[op.contact];
						const current = seed && (await device.contacts.get(seed.id));
						if (!seed || !current) throw new Error('contact missing');
						const value = op.field === 'email' ? `${op.value}@example.org` : op.value;
						const next: Contact =
							op.field === 'city'
								? { ...current, address: { ...current.address, city: value } }
								: { ...current, [op.field]: value };
						await device.contacts.put(seed.id, next, NOW);
						const key = `${seed.id}.${op.field}`;
						written.set(key, (written.get(key) ?? new Set()).add(value));
					}
					for (const device of group) device.transport.online = true;
					await settle(group, relay);
					const [p, q, r] = await Promise.all(group.map(contactsOf));
					expect(q).toEqual(p);
					expect(r).toEqual(p);
					for (const contact of p ?? []) {
						const seed = seeds.find((entry) => entry.id === contact.id);
						for (const field of fields) {
							const value = field === 'city' ? contact.address.city : contact[field];
							const initial = field === 'city' ? seed?.address.city : seed?.[field];
							const allowed = written.get(`${contact.id}.${field}`) ?? new Set();
							expect(value === initial || allowed.has(value)).toBe(true);
						}
					}
				} finally {
					await Promise.all(group.map((device) => device.close()));
				}
			}),
			{ numRuns: 12 }
		);
	});

	it('resumes after the relay dropped mid-sync, without losing or duplicating rows', async () => {
		const relay = new MemoryRelay();
		const [a, b] = await devices(relay, 'a', 'b');
		if (!a || !b) throw new Error('devices');
		const saved = Array.from({ length: 30 }, (_, i) => buildContact({ name: `Klant ${i}` }));
		b.transport.online = false;
		for (const contact of saved) await a.contacts.put(contact.id, contact, NOW);
		await settle([a], relay);
		let pulls = 0;
		const pull = b.transport.pull.bind(b.transport);
		b.transport.pull = async (after, limit) => {
			if (++pulls === 2) throw new Error('connection reset');
			return pull(after, Math.min(limit, 7));
		};
		b.transport.online = true;
		await b.runtime.engine.syncNow();
		expect(b.runtime.engine.status.state).toBe('error');
		expect(await readSyncMeta(b.db, 'cursor')).toBe(7);
		await settle([a, b], relay);
		expect((await contactsOf(b)).map((contact) => contact.name).sort()).toEqual(
			saved.map((contact) => contact.name).sort()
		);
		expect(await b.db.docUpdates.count()).toBe(30);
	});

	it('pushes a batch whose answer was lost again whole, and the relay keeps each row once', async () => {
		const relay = new MemoryRelay();
		const [a, b] = await devices(relay, 'a', 'b');
		if (!a || !b) throw new Error('devices');
		await settle([a, b], relay);
		a.transport.online = false;
		const saved = Array.from({ length: 5 }, (_, i) => buildContact({ name: `Batch ${i} BV` }));
		for (const contact of saved) await a.contacts.put(contact.id, contact, NOW);
		// Let the runs the saves started fail offline, so the next one reads all five.
		await a.runtime.engine.syncNow();
		await a.runtime.engine.syncNow();
		a.transport.online = true;
		const pushed: string[][] = [];
		const push = a.transport.push.bind(a.transport);
		a.transport.push = async (rows) => {
			pushed.push(rows.map((row) => row.clientId));
			const acks = await push(rows);
			// The relay stored the batch, but its answer never reaches the device.
			if (pushed.length === 1) throw new TransportError('offline', 'connection reset');
			return acks;
		};
		// Its poke is lost too (else the poke's rows would acknowledge the batch without a push).
		a.transport.dropPokes = 1;
		await a.runtime.engine.syncNow();
		expect(a.runtime.engine.status).toMatchObject({ state: 'offline', pending: 5 });
		await settle([a, b], relay);
		expect(pushed[0]).toHaveLength(5);
		expect(pushed[1]).toEqual(pushed[0]);
		expect(relay.log.map((row) => row.clientId)).toEqual(expect.arrayContaining(pushed[0] ?? []));
		expect(new Set(relay.log.map((row) => row.clientId)).size).toBe(relay.log.length);
		expect(a.runtime.engine.status.pending).toBe(0);
		for (const contact of saved) expect(await b.contacts.get(contact.id)).toEqual(contact);
	});

	it('pushes the saves made during a push together next, and that batch lost mid-way whole again', async () => {
		const relay = new MemoryRelay();
		const [a, b] = await devices(relay, 'a', 'b');
		if (!a || !b) throw new Error('devices');
		await settle([a, b], relay);
		const saved = Array.from({ length: 6 }, (_, i) => buildContact({ name: `Coalesced ${i} BV` }));
		const pushed: string[][] = [];
		let release = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		let firstPushed = () => {};
		const first = new Promise<void>((resolve) => (firstPushed = resolve));
		const push = a.transport.push.bind(a.transport);
		a.transport.push = async (rows: readonly PushRow[]) => {
			const call = pushed.push(rows.map((row) => row.docId));
			if (call === 1) {
				firstPushed();
				await gate;
			}
			const acks = await push(rows);
			// The relay stored the second batch, but its answer never reaches the device.
			if (call === 2) throw new TransportError('offline', 'connection reset');
			return acks;
		};
		const until = (done: (status: SyncStatus) => boolean) => untilStatus(a, done);
		const [zero, one, two, three, four, five] = saved;
		if (!zero || !one || !two || !three || !four || !five) throw new Error('contacts');
		await a.contacts.put(zero.id, zero, NOW);
		await first;
		for (const contact of [one, two, three, four]) await a.contacts.put(contact.id, contact, NOW);
		const lost = until((status) => status.state === 'offline');
		release();
		await lost;
		expect(pushed).toEqual([[zero.id], [one.id, two.id, three.id, four.id]]);
		// The next save's run pushes the lost batch again whole, with the new row after it.
		const synced = until((status) => status.state === 'synced' && status.pending === 0);
		await a.contacts.put(five.id, five, NOW);
		await synced;
		expect(pushed[2]).toEqual([one.id, two.id, three.id, four.id, five.id]);
		expect(new Set(relay.log.map((row) => row.clientId)).size).toBe(relay.log.length);
		expect(relay.log.map((row) => row.docId)).toEqual(saved.map((contact) => contact.id));
		await settle([a, b], relay);
		for (const contact of saved) expect(await b.contacts.get(contact.id)).toEqual(contact);
	});

	it('pushes the row another tab left pending with its own next save, without syncNow', async () => {
		const relay = new MemoryRelay();
		const { tab1, tab2 } = await twoTabs(relay);
		try {
			await settle([tab1, tab2], relay);
			const left = await leaveRowPending(tab1);
			const saved = buildContact({ name: 'Saved Later BV' });
			const pushedBoth = untilStatus(
				tab2,
				(status) =>
					status.state === 'synced' &&
					status.pending === 0 &&
					relay.log.some((row) => row.docId === saved.id)
			);
			await tab2.contacts.put(saved.id, saved, NOW);
			await pushedBoth;
			// This tab's save goes first (it knew that row), the left row with the run after it.
			expect(relay.log.map((row) => row.docId)).toEqual([saved.id, left.id]);
		} finally {
			await closeTab(tab2);
		}
	});

	it('pushes the row another tab left pending when a poke brings news, without syncNow', async () => {
		const relay = new MemoryRelay();
		const { tab1, tab2 } = await twoTabs(relay);
		const [other] = await devices(relay, 'other');
		if (!other) throw new Error('devices');
		try {
			await settle([tab1, tab2, other], relay);
			const left = await leaveRowPending(tab1);
			const news = buildContact({ name: 'From Elsewhere BV' });
			const pushedLeft = untilStatus(
				tab2,
				(status) =>
					status.state === 'synced' &&
					status.pending === 0 &&
					relay.log.some((row) => row.docId === left.id)
			);
			await other.contacts.put(news.id, news, NOW);
			await pushedLeft;
			expect(await tab2.contacts.get(news.id)).toEqual(news);
			expect(relay.log.filter((row) => row.docId === left.id)).toHaveLength(1);
		} finally {
			await closeTab(tab2);
		}
	});

	it('recognises a row another tab pushed among its doc’s rows: stored once and acknowledged', async () => {
		const relay = new MemoryRelay();
		const { tab1, tab2 } = await twoTabs(relay);
		try {
			await settle([tab1, tab2], relay);
			// Tab 2 hears of tab 1's row with its content (it did not push it) and applies it.
			tab1.transport.online = false;
			const contact = buildContact({ name: 'Pushed By The Other Tab BV' });
			await tab1.contacts.put(contact.id, contact, NOW);
			await tab1.runtime.engine.syncNow();
			await tab1.runtime.stop();
			const [pending] = await tab2.db.docUpdates.where('docId').equals(contact.id).toArray();
			if (!pending) throw new Error('no row');
			// The row reaches the relay as tab 1 pushed it, and only tab 2 is listening.
			const envelope = await sealEnvelope(
				await importWorkspaceKey(TEST_KEY),
				{ workspaceId: TEST_WORKSPACE, docId: contact.id, kind: 'update' },
				encodePayload({ table: pending.table, update: pending.update })
			);
			const head = relay.head + 1;
			const applied = untilStatus(
				tab2,
				(status) =>
					status.state === 'error' || (status.state === 'synced' && status.cursor === head)
			);
			relay.append([{ clientId: pending.clientId, docId: contact.id, envelope }]);
			await applied;
			expect(tab2.runtime.engine.status).toMatchObject({ state: 'synced', error: null });
			const rows = await tab2.db.docUpdates.where('docId').equals(contact.id).toArray();
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({ clientId: pending.clientId });
			// Acknowledged: its pending marker is gone, and the row itself was not rewritten.
			expect(await tab2.db.pendingUpdates.get(pending.seq ?? -1)).toBeUndefined();
			expect(rows[0]).toEqual(pending);
			expect(await tab2.contacts.get(contact.id)).toEqual(contact);
		} finally {
			await closeTab(tab2);
		}
	});

	it('pushes batch after batch in save order, and a batch lost mid-way is pushed again', async () => {
		const relay = new MemoryRelay();
		const a = await startDevice(relay, 'a', { pushBatch: 2 });
		const [b] = await devices(relay, 'b');
		open.push(a);
		if (!b) throw new Error('devices');
		await settle([a, b], relay);
		a.transport.online = false;
		const saved = Array.from({ length: 7 }, (_, i) => buildContact({ name: `Queued ${i} BV` }));
		for (const contact of saved) await a.contacts.put(contact.id, contact, NOW);
		const order = (await pendingDocUpdates(a.db, 100)).map((row) => row.clientId);
		await a.runtime.engine.syncNow();
		await a.runtime.engine.syncNow();
		a.transport.online = true;
		const pushed: string[][] = [];
		const push = a.transport.push.bind(a.transport);
		a.transport.push = async (rows) => {
			pushed.push(rows.map((row) => row.clientId));
			if (pushed.length !== 2) return push(rows);
			// The second batch is stored, its answer and its poke are lost.
			a.transport.dropPokes = 1;
			await push(rows);
			throw new TransportError('offline', 'connection reset');
		};
		await a.runtime.engine.syncNow();
		expect(pushed).toHaveLength(2);
		await settle([a, b], relay);
		expect(pushed.slice(0, 2).flat()).toEqual(order.slice(0, 4));
		expect(pushed[2]).toEqual(pushed[1]);
		expect(relay.log.map((row) => row.clientId)).toEqual(order);
		expect(a.runtime.engine.status.pending).toBe(0);
		for (const contact of saved) expect(await b.contacts.get(contact.id)).toEqual(contact);
	});

	it('applies the rows of a poke in one transaction: a failure part-way writes none of them', async () => {
		const relay = new MemoryRelay();
		const [a, b] = await devices(relay, 'a', 'b');
		if (!a || !b) throw new Error('devices');
		await settle([a, b], relay);
		const cursorBefore = await readSyncMeta(b.db, 'cursor');
		const docRowsBefore = await b.db.docUpdates.count();
		a.transport.online = false;
		const saved = Array.from({ length: 3 }, (_, i) => buildContact({ name: `Atomic ${i} BV` }));
		for (const contact of saved) await a.contacts.put(contact.id, contact, NOW);
		// A run that began before the last save read fewer rows; had its push been called after A came
		// back online, the rows would reach B in two pokes. A run ends on failing offline, and one that
		// reported all three pending began after them or is over, so the next run pushes all three.
		await untilStatus(a, (status) => status.state === 'offline' && status.pending === saved.length);
		// The last contact's projection write fails on B, after the others were written.
		const failing = saved[2]?.id;
		const refuse = (id: string) => {
			if (id === failing) throw new Error('disk full');
		};
		b.db.contacts.hook('creating', refuse);
		const pullsBefore = b.transport.pulls;
		// The poke reaches B on its own schedule: wait for B's run that applies it, not a run of ours
		// that may start before the poke and find nothing to do.
		const failed = new Promise<void>((resolve) => {
			const unsubscribe = b.runtime.engine.subscribe((status) => {
				if (status.state !== 'error') return;
				queueMicrotask(() => unsubscribe());
				resolve();
			});
		});
		a.transport.online = true;
		// A syncNow joins a run still failing offline; settle runs until A's push went out.
		await settle([a], relay);
		await failed;
		expect(b.transport.pulls).toBe(pullsBefore);
		expect(b.runtime.engine.status.state).toBe('error');
		expect(await readSyncMeta(b.db, 'cursor')).toBe(cursorBefore);
		expect(await b.db.docUpdates.count()).toBe(docRowsBefore);
		expect(await b.db.contacts.count()).toBe(0);
		b.db.contacts.hook('creating').unsubscribe(refuse);
		await settle([a, b], relay);
		for (const contact of saved) expect(await b.contacts.get(contact.id)).toEqual(contact);
	});

	it('refuses to decrypt with the wrong key and applies nothing', async () => {
		const relay = new MemoryRelay();
		const [a] = await devices(relay, 'a');
		if (!a) throw new Error('devices');
		const contact = buildContact();
		await a.contacts.put(contact.id, contact, NOW);
		await settle([a], relay);
		const intruder = await startDevice(relay, 'intruder', { rawKey: new Uint8Array(32).fill(9) });
		open.push(intruder);
		await intruder.runtime.engine.syncNow();
		expect(intruder.runtime.engine.status.state).toBe('error');
		expect(intruder.runtime.engine.status.error).toMatch(/wrong key or tampered/);
		expect(await intruder.contacts.get(contact.id)).toBeUndefined();
		expect(await readSyncMeta(intruder.db, 'cursor')).toBeUndefined();
	});

	it('compacts into a snapshot that keeps later rows, and a new device bootstraps from it', async () => {
		const relay = new MemoryRelay();
		const a = await startDevice(relay, 'a', { compactAfterRows: 5 });
		open.push(a);
		const contact = buildContact();
		for (let i = 0; i < 8; i++) {
			await a.contacts.put(contact.id, { ...contact, customerReference: `PO-${i}` }, NOW);
			await a.runtime.engine.syncNow();
		}
		await settle([a], relay);
		const kinds = relay.log.filter((row) => row.docId === contact.id).map((row) => row.kind);
		expect(kinds[0]).toBe('snapshot');
		expect(kinds.length).toBeLessThan(8);
		const other = buildContact({ name: 'Later BV' });
		await a.contacts.put(other.id, other, NOW);
		await a.contacts.put(contact.id, { ...contact, customerReference: 'PO-final' }, NOW);
		await settle([a], relay);
		expect(relay.log.at(-1)?.kind).toBe('update');
		const fresh = await startDevice(relay, 'fresh');
		open.push(fresh);
		await settle([a, fresh], relay);
		expect(await fresh.contacts.get(contact.id)).toEqual({
			...contact,
			customerReference: 'PO-final'
		});
		expect(await fresh.contacts.get(other.id)).toEqual(other);
		expect(await a.db.docUpdates.where('docId').equals(contact.id).count()).toBeLessThanOrEqual(6);
	});

	it('runs again for a wake in any microtask after a run ends: none joins the finished run', async () => {
		const relay = new MemoryRelay();
		const [a] = await devices(relay, 'a');
		if (!a) throw new Error('devices');
		const engine = a.runtime.engine;
		await engine.syncNow();
		// A save announced right after the run's last status, `hops` microtasks later: the gap
		// between a run deciding not to go again and the engine forgetting it must be none.
		for (let hops = 0; hops < 8; hops++) {
			const seen: string[] = [];
			let armed = false;
			let woke: Promise<void> | undefined;
			const stop = engine.subscribe((status) => {
				seen.push(status.state);
				if (!armed || status.state !== 'synced') return;
				armed = false;
				let later = Promise.resolve();
				for (let hop = 0; hop < hops; hop++) later = later.then(() => undefined);
				woke = later.then(() => {
					seen.push('wake');
					return engine.syncNow();
				});
			});
			armed = true;
			await engine.syncNow();
			await woke;
			stop();
			expect(woke, 'the run ended with a synced status').toBeDefined();
			expect(
				seen.slice(seen.indexOf('wake')),
				`a run after a wake ${hops} microtasks after the last one`
			).toContain('syncing');
		}
	});

	it('reports no issue for ordinary merges', async () => {
		const relay = new MemoryRelay();
		const [a, b] = await devices(relay, 'a', 'b');
		if (!a || !b) throw new Error('devices');
		const contact = buildContact();
		await a.contacts.put(contact.id, contact, NOW);
		await settle([a, b], relay);
		expect(await listSyncIssues(b.db)).toEqual([]);
	});
});
