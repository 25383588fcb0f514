import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { InvoiceRecord } from '$lib/document';
import {
	bulkPutInvoices,
	getInvoice,
	listInvoiceSummaries,
	openDb,
	readSyncMeta,
	type BillfoldDb
} from '$lib/storage';
import { buildContact, buildInvoiceRecord } from '../factories';
import { firstDevice, pairedDevice, runDevice, settle } from './sync-devices';
import { useRelayDevices } from './relay-devices';

/**
 * A new device's first sync takes the batched path (pages of many docs, projections written in
 * bulk, own rows not decrypted again). Its speed is `npm run bench`'s business; this proves the
 * batched path is exact: every invoice, its overview row and the buyer's name arrive unchanged.
 */
const NOW = '2026-11-25T10:00:00.000Z';
const devices = useRelayDevices();

function invoice(i: number): InvoiceRecord {
	const id = `0196f000-0000-7000-9000-${i.toString(16).padStart(12, '0')}`;
	return buildInvoiceRecord({
		id,
		number: `2026-${String(i + 1).padStart(5, '0')}`,
		status: 'sent'
	});
}

const byKey = <T>(rows: T[], key: (row: T) => string) =>
	rows.sort((a, b) => key(a).localeCompare(key(b)));

/** Every table a bootstrap writes, without what is each device's own (local sequence numbers). */
const tablesOf = async (db: BillfoldDb) => ({
	invoices: byKey(await db.invoices.toArray(), (row) => row.id),
	summaries: byKey(await db.invoiceSummaries.toArray(), (row) => row.id),
	contacts: byKey(await db.contacts.toArray(), (row) => row.id),
	docUpdates: byKey(
		(await db.docUpdates.toArray()).map(({ seq: _seq, ...row }) => ({
			...row,
			update: [...row.update]
		})),
		(row) => row.clientId
	),
	cursor: await readSyncMeta(db, 'cursor'),
	issues: await db.syncIssues.count()
});

describe('a new device bootstraps from the relay', () => {
	it('receives every invoice exactly, across several pull pages', async () => {
		const count = 450;
		const records = Array.from({ length: count }, (_, i) => invoice(i));
		const laptop = devices.keep(
			await firstDevice(devices.relay, { before: (db) => bulkPutInvoices(db, records) })
		);
		await settle([laptop]);
		const phone = devices.keep(
			await pairedDevice(laptop, 'phone', { rawKey: laptop.rawKey }, { pullPage: 100 })
		);
		await settle([phone]);

		expect(await phone.db.invoices.count()).toBe(count);
		expect(await phone.db.invoiceSummaries.count()).toBe(count);
		for (const index of [0, 99, 100, 333, count - 1]) {
			const record = records[index];
			if (!record) throw new Error(`no record ${index}`);
			expect(await getInvoice(phone.db, record.id)).toEqual(record);
		}
		const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
		expect((await listInvoiceSummaries(phone.db)).sort(byId)).toEqual(
			(await listInvoiceSummaries(laptop.db)).sort(byId)
		);
		expect(phone.runtime.engine.status).toMatchObject({ pending: 0, error: null });
	}, 180_000);

	it('lands the same rows in every table from sync frames as from JSON pages', async () => {
		const count = 240;
		const records = Array.from({ length: count }, (_, i) => invoice(1000 + i));
		const laptop = devices.keep(
			await firstDevice(devices.relay, { before: (db) => bulkPutInvoices(db, records) })
		);
		const contact = buildContact();
		await laptop.contacts.put(contact.id, contact, NOW);
		await settle([laptop]);
		const frames = await pairedDevice(
			laptop,
			'frames',
			{ rawKey: laptop.rawKey },
			{ pullPage: 70 }
		);
		const json = await pairedDevice(
			laptop,
			'json',
			{ rawKey: laptop.rawKey },
			{ pullPage: 70, jsonPages: true }
		);
		devices.keep(frames);
		devices.keep(json);
		await settle([frames, json]);

		const fromFrames = await tablesOf(frames.db);
		expect(fromFrames.invoices).toHaveLength(count);
		expect(fromFrames.docUpdates.length).toBeGreaterThan(count);
		expect(fromFrames).toEqual(await tablesOf(json.db));
	}, 180_000);

	it('resumes a bootstrap closed between two pages and ends with the same tables', async () => {
		const count = 450;
		const records = Array.from({ length: count }, (_, i) => invoice(2000 + i));
		const laptop = devices.keep(
			await firstDevice(devices.relay, { before: (db) => bulkPutInvoices(db, records) })
		);
		const contact = buildContact();
		await laptop.contacts.put(contact.id, contact, NOW);
		await settle([laptop]);
		const whole = devices.keep(
			await pairedDevice(laptop, 'whole', { rawKey: laptop.rawKey }, { pullPage: 100 })
		);
		// The page is closed right after its first page committed, as a closed tab stops.
		let closed: (name: string) => void = () => undefined;
		const interrupted = new Promise<string>((resolve) => (closed = resolve));
		const cut = await pairedDevice(
			laptop,
			'cut',
			{ rawKey: laptop.rawKey },
			{
				pullPage: 100,
				onApplied: (_docIds, db) => {
					if (!db.isOpen()) return;
					db.close();
					closed(db.name);
				}
			}
		);
		const name = await interrupted;
		await cut.runtime.stop();
		const reopened = openDb(name);
		const cursor = (await readSyncMeta<number>(reopened, 'cursor')) ?? 0;
		const head = (await laptop.transport.inner.pull(0, 1)).head;
		expect(cursor).toBeGreaterThan(0);
		expect(cursor).toBeLessThan(head);
		expect(await reopened.invoices.count()).toBeGreaterThan(0);
		expect(await reopened.invoices.count()).toBeLessThan(count);
		const resumed = devices.keep(await runDevice('cut', reopened, { pullPage: 100 }));
		await settle([whole, resumed]);

		const after = await tablesOf(resumed.db);
		expect(after.invoices).toHaveLength(count);
		expect(after.summaries).toHaveLength(count);
		expect(after).toEqual(await tablesOf(whole.db));
	}, 180_000);
});
