import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, putInvoice, type BillfoldDb } from '$lib/storage';
import { buildContact, buildInvoiceRecord } from '../../../tests/factories';
import { BackupError, exportBackup, restoreBackup } from './backup';
import { PassphraseError } from './key-wrap';
import { contactStore } from './testing/devices';

const fastArgon = { memoryKiB: 8192, iterations: 1, parallelism: 1 };
const PASS = 'kiwi banana orchard';
let dbs: BillfoldDb[] = [];
let counter = 0;

function fresh(): BillfoldDb {
	const db = openDb(`backup-${counter++}`);
	dbs.push(db);
	return db;
}

afterEach(async () => {
	for (const db of dbs) {
		db.close();
		await db.delete();
	}
	dbs = [];
});

describe('encrypted backup', () => {
	it('restores every record and blob on a fresh device, and holds no plaintext', async () => {
		const source = fresh();
		const contact = buildContact({ name: 'Brouwerij Zeldzaam' });
		await contactStore(source).put(contact.id, contact, '2026-11-25T10:00:00Z');
		const invoice = buildInvoiceRecord({ status: 'issued', sendHistory: [] });
		await putInvoice(source, invoice);
		const blob = new Blob([new Uint8Array([37, 80, 68, 70, 1, 2, 3])], { type: 'application/pdf' });
		await source.attachments.put({
			id: 'att-1',
			ownerId: invoice.id,
			fileName: 'terms.pdf',
			mimeType: 'application/pdf',
			size: 7,
			blob
		});
		await source.counters.put({ series: 'F-2026', lastNumber: 12, lastIssueDate: '2026-11-20' });
		// Sync bookkeeping stays behind: a pending marker names a row of this device's log.
		await source.pendingUpdates.put({ seq: 1 });

		const file = await exportBackup(source, PASS, '2026-11-25T12:00:00Z', fastArgon);
		const asText = new TextDecoder('latin1').decode(file);
		expect(asText).not.toContain('Zeldzaam');
		expect(asText).not.toContain(invoice.number ?? '');

		const target = fresh();
		const summary = await restoreBackup(target, file, PASS);
		expect(summary.tables).toMatchObject({
			contacts: 1,
			invoices: 1,
			invoiceSummaries: 1,
			attachments: 1,
			counters: 1
		});
		expect(Object.keys(summary.tables)).not.toContain('pendingUpdates');
		expect(await target.pendingUpdates.count()).toBe(0);
		expect(await contactStore(target).get(contact.id)).toEqual(contact);
		expect((await target.invoices.get(invoice.id))?.data).toEqual(invoice);
		const restored = await target.attachments.get('att-1');
		expect(new Uint8Array(await (restored?.blob ?? new Blob()).arrayBuffer())).toEqual(
			new Uint8Array([37, 80, 68, 70, 1, 2, 3])
		);
		expect(restored?.blob.type).toBe('application/pdf');
		expect(await target.counters.get('F-2026')).toEqual({
			series: 'F-2026',
			lastNumber: 12,
			lastIssueDate: '2026-11-20'
		});
	});

	it('refuses a wrong passphrase, a damaged file and a device with sync on', async () => {
		const source = fresh();
		const file = await exportBackup(source, PASS, '2026-11-25T12:00:00Z', fastArgon);
		await expect(restoreBackup(fresh(), file, 'not the passphrase')).rejects.toThrow(
			PassphraseError
		);
		const damaged = file.slice();
		damaged[damaged.length - 5] = (damaged[damaged.length - 5] ?? 0) ^ 1;
		await expect(restoreBackup(fresh(), damaged, PASS)).rejects.toThrow('damaged');
		await expect(restoreBackup(fresh(), new Uint8Array(10), PASS)).rejects.toThrow(BackupError);
		const synced = fresh();
		await synced.syncMeta.put({ key: 'workspace', value: { workspaceId: 'ws' } });
		await expect(restoreBackup(synced, file, PASS)).rejects.toThrow('turn sync off');
		await expect(exportBackup(source, 'short', 'now', fastArgon)).rejects.toThrow('at least 10');
	});
});
