import { projectionFor, type Projection } from '$lib/storage';
import { applyUpdates, docFromUpdates, readRecord, type RecordView } from './record-doc';
import type { DecryptedRow } from './remote-apply';

/** A doc's view decoded from one page's rows alone, before its apply's transaction. */
export interface PreparedView {
	clientIds: readonly string[];
	rule: Projection['freeze'];
	view: RecordView;
}

export interface PreparedViews {
	readonly views: ReadonlyMap<string, PreparedView>;
	/** The docs whose view an apply took (preparedView): what tells a run to keep preparing. */
	readonly used: Set<string>;
}

/**
 * Decodes each doc of a pulled page as if this device held none of it yet, which is what a new
 * device's first sync finds for every doc. Why before the apply: decoding is most of the main
 * thread's work in a large pull, and done while the previous page's writes are still in
 * IndexedDB's hands, the two overlap instead of taking turns. The apply uses a view only where
 * it would have decoded exactly this (preparedView); anywhere else it decodes as before.
 */
export function prepareViews(rows: readonly DecryptedRow[]): PreparedViews {
	type Pending = { clientIds: string[]; updates: Uint8Array[]; projection: Projection };
	const byDoc = new Map<string, Pending>();
	for (const row of rows) {
		if (!row.payload || row.acked) continue;
		const entry = byDoc.get(row.docId);
		if (entry) {
			entry.clientIds.push(row.clientId);
			entry.updates.push(row.payload.update);
			continue;
		}
		// A table nobody registered yet is not projected by the apply: nothing to prepare.
		const projection = projectionFor(row.payload.table);
		if (projection) {
			byDoc.set(row.docId, {
				clientIds: [row.clientId],
				updates: [row.payload.update],
				projection
			});
		}
	}
	const prepared = new Map<string, PreparedView>();
	for (const [docId, { clientIds, updates, projection }] of byDoc) {
		const doc = docFromUpdates([]);
		applyUpdates(doc, updates, 'remote');
		const rule = projection.freeze;
		prepared.set(docId, { clientIds, rule, view: readRecord(doc, rule) });
		doc.destroy();
	}
	return { views: prepared, used: new Set() };
}

/**
 * The prepared view of a doc the device holds no rows of, when it was decoded from exactly the
 * rows being applied, in their order, under the same freeze rule; otherwise undefined.
 */
export function preparedView(
	prepared: PreparedViews | undefined,
	docId: string,
	clientIds: readonly string[],
	rule: Projection['freeze']
): RecordView | undefined {
	const entry = prepared?.views.get(docId);
	if (!entry || entry.rule !== rule || entry.clientIds.length !== clientIds.length) return;
	for (const [index, clientId] of clientIds.entries()) {
		if (entry.clientIds[index] !== clientId) return;
	}
	prepared?.used.add(docId);
	return entry.view;
}
