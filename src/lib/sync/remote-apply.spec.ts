import 'fake-indexeddb/auto';
import { liveQuery, type Transaction } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { InvoiceRecord } from '$lib/document';
import {
	deleteDraftInvoice,
	getInvoice,
	listInvoiceSummaries,
	openDb,
	putInvoice,
	readSyncMeta,
	SEEDED_COMPLETE,
	SEEDED_KEY,
	setChangeCapture,
	setSyncOnHint
} from '$lib/storage';
import { spyOnRequests } from '$lib/storage/testing/request-spy';
import { buildContact, buildInvoiceRecord } from '../../../tests/factories';
import { CURSOR_KEY } from './cursor';
import { applyRemotePage } from './remote-apply';
import { MemoryRelay } from './testing/memory-relay';
import { settle, startDevice, type TestDevice } from './testing/devices';

const NOW = '2026-11-25T10:00:00.000Z';
let open: TestDevice[] = [];

afterEach(async () => {
	await Promise.all(open.map((device) => device.close()));
	open = [];
});

async function twoDevices(): Promise<{ relay: MemoryRelay; a: TestDevice; b: TestDevice }> {
	const relay = new MemoryRelay();
	const a = await startDevice(relay, 'a');
	const b = await startDevice(relay, 'b');
	open.push(a, b);
	await settle([a, b], relay);
	return { relay, a, b };
}

let databases = 0;

describe('applying rows from other devices', () => {
	it('applies a poked row reading only what it cannot know: no lookup by client id, no count of what it wrote', async () => {
		const relay = new MemoryRelay();
		const a = await startDevice(relay, 'a');
		const db = openDb(`apply-reads-${databases++}`);
		const calls = spyOnRequests(db);
		const b = await startDevice(relay, 'b', { db });
		open.push(a, b);
		await settle([a, b], relay);
		// B's seeding after its bootstrap runs on after it synced; its requests are not the apply's.
		// A walk that ends without marking every record seeded fails here, with a reason, rather
		// than leaving the test to hang until its timeout.
		await new Promise<void>((resolve, reject) => {
			let walked = false;
			const watch = liveQuery(() => readSyncMeta<string>(db, SEEDED_KEY)).subscribe({
				next: (mark) => {
					if (mark?.startsWith('walking:')) {
						walked = true;
						return;
					}
					if (mark !== SEEDED_COMPLETE && !walked) return;
					queueMicrotask(() => watch.unsubscribe());
					if (mark === SEEDED_COMPLETE) resolve();
					else reject(new Error(`B's seeding walk ended with the seeded mark ${String(mark)}`));
				},
				error: reject
			});
		});
		const applied = new Promise<void>((resolve) => {
			const stop = b.runtime.engine.subscribe((status) => {
				if (status.state !== 'synced' || status.cursor < relay.head || relay.head === 0) return;
				queueMicrotask(() => stop());
				resolve();
			});
		});
		calls.length = 0;
		const contact = buildContact({ name: 'Read Once BV' });
		await a.contacts.put(contact.id, contact, NOW);
		await applied;
		const log = calls.filter(
			(call) => call.endsWith(' issued') && /docUpdates|pendingUpdates|syncMeta/.test(call)
		);
		// The cursor (another tab may have moved it) and the doc's rows, which also tell whether
		// the row is here already; then the writes, and of the census only the pending count: the
		// cursor and the doc's rows are what this transaction read and wrote.
		expect(log).toEqual([
			'get syncMeta issued',
			'query docUpdates by [docId+seq] issued',
			'mutate docUpdates issued',
			'mutate syncMeta issued',
			'count pendingUpdates issued'
		]);
		expect(await b.contacts.get(contact.id)).toEqual(contact);
		expect(b.runtime.engine.status).toMatchObject({ pending: 0, cursor: relay.head });
	});

	it('applies contacts in a transaction over their tables, so saves of other tables need not wait', async () => {
		const { relay, a, b } = await twoDevices();
		const scopes: string[][] = [];
		const seen = (_key: unknown, _row: unknown, transaction: Transaction) => {
			scopes.push([...transaction.storeNames].sort());
		};
		b.db.contacts.hook('creating', seen);
		const contact = buildContact();
		await a.contacts.put(contact.id, contact, NOW);
		await settle([a, b], relay);
		b.db.contacts.hook('creating').unsubscribe(seen);
		expect(await b.contacts.get(contact.id)).toEqual(contact);
		expect(scopes).toHaveLength(1);
		expect(scopes[0]).toEqual(expect.arrayContaining(['contacts', 'docUpdates', 'syncMeta']));
		for (const other of ['invoices', 'invoiceSummaries', 'items', 'drafts', 'preferences'])
			expect(scopes[0], other).not.toContain(other);
	});

	it('projects a draft under its contact’s name and removes it, within the invoice projection’s tables', async () => {
		const { relay, a, b } = await twoDevices();
		const contact = buildContact({ name: 'Draft Buyer BV' });
		await a.contacts.put(contact.id, contact, NOW);
		await settle([a, b], relay);
		const { buyer: _buyer, ...issued } = buildInvoiceRecord({ contactId: contact.id });
		const draft: InvoiceRecord = {
			...issued,
			status: 'draft',
			number: undefined,
			issueDate: undefined,
			sendHistory: []
		};
		// Only the invoice travels now: B's apply reads the contact's name inside its own scope.
		await putInvoice(a.db, draft);
		await settle([a, b], relay);
		expect(b.runtime.engine.status).toMatchObject({ state: 'synced', error: null });
		expect(await getInvoice(b.db, draft.id)).toEqual(draft);
		const summaries = await listInvoiceSummaries(b.db);
		expect(summaries.map((row) => row.customerName)).toEqual([contact.name]);
		await deleteDraftInvoice(a.db, draft.id);
		await settle([a, b], relay);
		expect(b.runtime.engine.status).toMatchObject({ state: 'synced', error: null });
		expect(await getInvoice(b.db, draft.id)).toBeUndefined();
		expect(await listInvoiceSummaries(b.db)).toEqual([]);
	});

	it('counts a doc caught up before the apply with the rows the catch-up added', async () => {
		const { relay, a, b } = await twoDevices();
		const contact = buildContact({ name: 'Counted BV' });
		await a.contacts.put(contact.id, contact, NOW);
		await settle([a, b], relay);
		// B edits the contact before its sync runtime is loaded: the doc is only marked dirty.
		await b.runtime.engine.stop();
		b.transport.online = false;
		setChangeCapture(b.db, undefined);
		setSyncOnHint(b.db, true);
		await b.contacts.put(contact.id, { ...contact, name: 'Counted Offline BV' }, NOW);
		setSyncOnHint(b.db, false);
		expect(await b.db.dirtyDocs.count()).toBe(1);
		const rowsOf = () => b.db.docUpdates.where('docId').equals(contact.id).count();
		const before = await rowsOf();
		// A's next edit of the same contact reaches B's apply, which catches the doc up first.
		await a.contacts.put(contact.id, { ...contact, email: 'counted@example.com' }, NOW);
		await a.runtime.engine.syncNow();
		const pushed = (await a.db.docUpdates.orderBy('seq').toArray()).at(-1);
		if (!pushed) throw new Error('no row pushed');
		const cursor = (await b.db.syncMeta.get(CURSOR_KEY))?.value as number;
		const result = await applyRemotePage(
			b.db,
			[
				{
					seq: relay.head,
					docId: contact.id,
					clientId: pushed.clientId,
					kind: 'update',
					payload: { table: 'contacts', update: pushed.update }
				}
			],
			cursor,
			NOW,
			{ touched: [], compactAfterRows: 1000 }
		);
		// The catch-up's row and A's row were added; the census knows both without counting.
		expect(await rowsOf()).toBe(before + 2);
		expect(result.census?.rowsPerDoc.get(contact.id)).toBe(await rowsOf());
		expect(await b.db.dirtyDocs.count()).toBe(0);
	});
});
