import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { InvoiceRecord } from '$lib/document';
import { bulkPutInvoices, getInvoice, listInvoiceSummaries, readSyncMeta } from '$lib/storage';
import { buildContact, buildInvoiceRecord } from '../factories';
import { firstDevice, pairedDevice, settle, type RelayDevice } from './sync-devices';
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

		const byKey = <T>(rows: T[], key: (row: T) => string) =>
			rows.sort((a, b) => key(a).localeCompare(key(b)));
		const tablesOf = async (device: RelayDevice) => ({
			invoices: byKey(await device.db.invoices.toArray(), (row) => row.id),
			summaries: byKey(await device.db.invoiceSummaries.toArray(), (row) => row.id),
			contacts: byKey(await device.db.contacts.toArray(), (row) => row.id),
			// Local sequence numbers are each device's own; everything else must match.
			docUpdates: byKey(
				(await device.db.docUpdates.toArray()).map(({ seq: _seq, ...row }) => ({
					...row,
					update: [...row.update]
				})),
				(row) => row.clientId
			),
			cursor: await readSyncMeta(device.db, 'cursor'),
			issues: await device.db.syncIssues.count()
		});
		const fromFrames = await tablesOf(frames);
		expect(fromFrames.invoices).toHaveLength(count);
		expect(fromFrames.docUpdates.length).toBeGreaterThan(count);
		expect(fromFrames).toEqual(await tablesOf(json));
	}, 180_000);
});
