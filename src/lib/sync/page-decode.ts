import type { SyncedTable } from '$lib/storage';
import { EnvelopeError, openEnvelope, type EnvelopeContext } from './envelope';
import { decodePayload } from './payload';
import { applyUpdates, docFromUpdates, readRecord, type RecordView } from './record-doc';
import type { DecryptedRow } from './remote-apply';
import type { LogRow } from './transport';

/**
 * The pure part of applying a pulled page: decrypting its rows and building each doc's view from
 * them. A new device's first sync spends most of its time here, so the engine runs it in a worker
 * (page-decode.worker.ts) while the main thread writes the page before; it needs no IndexedDB.
 */
export interface PageDecodeRequest {
	key: CryptoKey;
	workspaceId: string;
	rows: readonly LogRow[];
	/** Client ids this device already has: their rows are not decrypted. */
	known: readonly string[];
	/** The fields an issued record may still change, per table with a freeze rule. */
	mutableFields: Partial<Record<SyncedTable, readonly string[]>>;
}

/**
 * A doc's view built from this page's rows alone, `clientIds` in page order. It is the doc's view
 * after the page only if the doc had no rows before: the apply checks that, and otherwise
 * builds the view itself from the stored rows.
 */
export interface FreshView {
	docId: string;
	clientIds: string[];
	view: RecordView;
}

export interface DecodedPage {
	rows: DecryptedRow[];
	views: FreshView[];
}

export async function decryptRow(
	key: CryptoKey,
	workspaceId: string,
	row: LogRow,
	known: boolean
): Promise<DecryptedRow> {
	const { seq, docId, clientId, kind } = row;
	if (known) return { seq, docId, clientId, kind };
	const plaintext = await openEnvelope(key, { workspaceId, docId, kind }, row.envelope);
	return { seq, docId, clientId, kind, payload: decodePayload(plaintext) };
}

export async function decodePage(request: PageDecodeRequest): Promise<DecodedPage> {
	const { key, workspaceId, mutableFields } = request;
	const known = new Set(request.known);
	const rows = await Promise.all(
		request.rows.map((row) => decryptRow(key, workspaceId, row, known.has(row.clientId)))
	);
	const byDoc = new Map<string, DecryptedRow[]>();
	for (const row of rows) {
		if (row.payload) byDoc.set(row.docId, [...(byDoc.get(row.docId) ?? []), row]);
	}
	const views: FreshView[] = [];
	for (const [docId, docRows] of byDoc) {
		const table = docRows[0]?.payload?.table;
		if (!table) continue;
		const doc = docFromUpdates([]);
		applyUpdates(
			doc,
			docRows.flatMap((row) => (row.payload ? [row.payload.update] : [])),
			'remote'
		);
		views.push({
			docId,
			clientIds: docRows.map((row) => row.clientId),
			view: readRecord(doc, { mutableFields: mutableFields[table] ?? [] })
		});
		doc.destroy();
	}
	return { rows, views };
}

/** How a decode failure crosses the worker boundary, so a wrong key stays a fatal EnvelopeError. */
export type DecodeFailure =
	{ envelope: { reason: EnvelopeError['reason']; context: EnvelopeContext } } | { message: string };

export function describeFailure(error: unknown): DecodeFailure {
	if (error instanceof EnvelopeError) {
		const { workspaceId, docId, kind } = error.context;
		return { envelope: { reason: error.reason, context: { workspaceId, docId, kind } } };
	}
	return { message: error instanceof Error ? error.message : String(error) };
}

export function failureError(failure: DecodeFailure): Error {
	if ('envelope' in failure) {
		return new EnvelopeError(failure.envelope.reason, failure.envelope.context);
	}
	return new Error(failure.message);
}
