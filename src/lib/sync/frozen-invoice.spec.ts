import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { InvoiceRecord } from '$lib/document';
import { getInvoice, listInvoiceSummaries, listSyncIssues, putInvoice } from '$lib/storage';
import { buildInvoiceRecord } from '../../../tests/factories';
import { FrozenRecordError } from './record-doc';
import { MemoryRelay } from './testing/memory-relay';
import { settle, startDevice, type TestDevice } from './testing/devices';

let open: TestDevice[] = [];

afterEach(async () => {
	await Promise.all(open.map((device) => device.close()));
	open = [];
});

function draftOf(issued: InvoiceRecord): InvoiceRecord {
	return { ...issued, status: 'draft', number: undefined, issueDate: undefined, sendHistory: [] };
}

describe('an issued invoice is frozen across devices', () => {
	it('does not apply a stale device’s late edit, and reports it on both devices', async () => {
		const relay = new MemoryRelay();
		const a = await startDevice(relay, 'a');
		const b = await startDevice(relay, 'b');
		open.push(a, b);
		const issued = buildInvoiceRecord({ status: 'issued', sendHistory: [], notes: 'Thank you' });
		const draft = draftOf(issued);
		await putInvoice(a.db, draft);
		await settle([a, b], relay);
		expect((await getInvoice(b.db, draft.id))?.status).toBe('draft');

		b.transport.online = false;
		const stale = { ...draft, notes: 'Edited on the phone, offline', orderReference: 'PO-9' };
		await putInvoice(b.db, stale);
		await putInvoice(a.db, issued);
		await settle([a], relay);
		b.transport.online = true;
		await settle([a, b], relay);

		for (const device of [a, b]) {
			const seen = await getInvoice(device.db, draft.id);
			expect(seen, device.name).toEqual(issued);
			const [summary] = await listInvoiceSummaries(device.db);
			expect(summary?.number).toBe(issued.number);
			const issues = await listSyncIssues(device.db);
			expect(
				issues.map((issue) => [issue.kind, issue.fields]),
				device.name
			).toEqual([['frozen-edit', ['notes', 'orderReference']]]);
		}
	});

	it('refuses a local edit of a frozen field but lets status, payments and sends change', async () => {
		const relay = new MemoryRelay();
		const a = await startDevice(relay, 'a');
		const b = await startDevice(relay, 'b');
		open.push(a, b);
		const issued = buildInvoiceRecord({ status: 'issued', sendHistory: [] });
		await putInvoice(a.db, draftOf(issued));
		await putInvoice(a.db, issued);
		await settle([a, b], relay);
		await expect(putInvoice(b.db, { ...issued, notes: 'changed after issue' })).rejects.toThrow(
			FrozenRecordError
		);
		expect(await getInvoice(b.db, issued.id)).toEqual(issued);
		const paid: InvoiceRecord = {
			...issued,
			status: 'paid',
			payments: [{ date: '2026-06-01', amountCents: 1000 }]
		};
		await putInvoice(b.db, paid);
		await settle([a, b], relay);
		expect(await getInvoice(a.db, issued.id)).toEqual(paid);
		expect(await listSyncIssues(a.db)).toEqual([]);
	});
});
