import { describe, expect, it } from 'vitest';
import { INVOICE_MUTABLE_FIELDS } from '$lib/storage';
import { buildInvoiceRecord } from '../../../tests/factories';
import { EnvelopeError, sealEnvelope } from './envelope';
import { decodePage, serveDecode, type PageDecodeRequest } from './page-decode';
import { PageDecoder, type DecodePort } from './page-decoder';
import { encodePayload } from './payload';
import { captureUpdate, docFromUpdates, writeRecord, type JsonObject } from './record-doc';
import type { LogRow } from './transport';
import { createWorkspaceKey } from './workspace-key';

const workspaceId = 'ws-decoder';
const byDoc = (a: { docId: string }, b: { docId: string }) => a.docId.localeCompare(b.docId);

/** A worker's message boundary without a browser: a real MessageChannel (structured clone). */
function channelPort(): DecodePort {
	const { port1, port2 } = new MessageChannel();
	serveDecode(port2);
	port1.start();
	port2.start();
	return {
		postMessage: (message) => port1.postMessage(message),
		addEventListener: (type: 'message' | 'error', listener: (event: never) => void) =>
			port1.addEventListener(type, listener as (event: Event) => void),
		terminate: () => port1.close()
	};
}

/** A worker that fails to load: it reports an error and never answers. */
function brokenPort(): DecodePort {
	const errors = new EventTarget();
	return {
		postMessage: () => void queueMicrotask(() => errors.dispatchEvent(new Event('error'))),
		addEventListener: (type: 'message' | 'error', listener: (event: never) => void) =>
			errors.addEventListener(type, listener as (event: Event) => void),
		terminate: () => undefined
	};
}

async function page(key: CryptoKey, docs: number): Promise<LogRow[]> {
	const rows: LogRow[] = [];
	for (let i = 0; i < docs; i++) {
		const record = buildInvoiceRecord({
			id: `0196f000-0000-7000-9000-${String(i).padStart(12, '0')}`
		});
		const doc = docFromUpdates([]);
		// Two rows for every third doc: a doc's rows must reach the same worker, in order.
		const edits = i % 3 === 0 ? [{ ...record, notes: 'first' }, record] : [record];
		for (const [n, edit] of edits.entries()) {
			const update = captureUpdate(doc, () =>
				writeRecord(doc, {
					docId: record.id,
					record: edit as unknown as JsonObject,
					createdAt: record.createdAt,
					updatedAt: `${record.updatedAt.slice(0, -5)}${n}00Z`,
					schemaVersion: record.schemaVersion
				})
			);
			if (!update) continue;
			const context = { workspaceId, docId: record.id, kind: 'update' as const };
			rows.push({
				seq: rows.length + 1,
				docId: record.id,
				clientId: `client-${rows.length}`,
				kind: 'update',
				envelope: await sealEnvelope(key, context, encodePayload({ table: 'invoices', update }))
			});
		}
		doc.destroy();
	}
	return rows;
}

describe('PageDecoder', () => {
	it('splits a page between its workers and returns what an inline decode returns', async () => {
		const { key } = await createWorkspaceKey();
		const request: PageDecodeRequest = {
			key,
			workspaceId,
			rows: await page(key, 30),
			known: ['client-4'],
			mutableFields: { invoices: INVOICE_MUTABLE_FIELDS }
		};
		const decoder = new PageDecoder(channelPort, 2);
		const pooled = await decoder.decode(request);
		decoder.close();
		const inline = await decodePage(request);
		expect(pooled.rows).toEqual(inline.rows);
		expect([...pooled.views].sort(byDoc)).toEqual([...inline.views].sort(byDoc));
		expect(pooled.rows[4]?.payload).toBeUndefined();
		expect(pooled.views.find((view) => view.clientIds.length === 2)?.view.record.notes).toBe(
			buildInvoiceRecord().notes
		);
	});

	it('keeps a wrong key a fatal EnvelopeError across the worker boundary', async () => {
		const { key } = await createWorkspaceKey();
		const { key: other } = await createWorkspaceKey();
		const decoder = new PageDecoder(channelPort, 2);
		const request = {
			key: other,
			workspaceId,
			rows: await page(key, 3),
			known: [],
			mutableFields: {}
		};
		await expect(decoder.decode(request)).rejects.toBeInstanceOf(EnvelopeError);
		decoder.close();
	});

	it('decodes inline when its worker fails to load', async () => {
		const { key } = await createWorkspaceKey();
		const request = { key, workspaceId, rows: await page(key, 4), known: [], mutableFields: {} };
		const decoder = new PageDecoder(brokenPort, 2);
		const fallen = await decoder.decode(request);
		const inline = await decodePage(request);
		expect(fallen.rows).toEqual(inline.rows);
		expect([...fallen.views].sort(byDoc)).toEqual([...inline.views].sort(byDoc));
		decoder.close();
	});
});
