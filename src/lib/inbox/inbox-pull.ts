import type { InboxDocument } from '$protocol';
import type { Finding } from '$lib/peppol-rules';
import type { InboxClient } from '$lib/relay';
import { readSyncMeta, writeSyncMeta, type BillfoldDb } from '$lib/storage';
import type { PurchaseFileRow, PurchaseRow } from '$lib/storage/purchase-records';
import type { PurchaseParseResult } from './purchase-document';
import { purchaseSearchText, purchaseSummary } from './document-summary';
import { openSealedDocument } from './sealed-document';
import type { ReceivingKeys } from './receiving-key';

const CURSOR = 'inbox-cursor';
const PAGE = 100;

export interface PullOptions {
	db: BillfoldDb;
	client: InboxClient;
	workspaceId: string;
	keys: ReceivingKeys;
	/** The hostile-XML-safe parser (purchase-parser.ts). */
	parse: (bytes: Uint8Array) => PurchaseParseResult | Promise<PurchaseParseResult>;
}

export interface PullReport {
	/** Ids of the documents this pull stored. */
	added: string[];
	cursor: number;
}

export async function readInboxCursor(db: BillfoldDb): Promise<number> {
	return (await readSyncMeta<number>(db, CURSOR)) ?? 0;
}

/**
 * Pulls the inbox after the stored cursor: fetches, opens, parses and stores each document, then
 * moves the cursor. Idempotent by document id, so a poke racing a start-up pull stores each
 * document once. A document that cannot be read is stored all the same, with its problem and its
 * bytes; one that cannot be fetched or opened stops the pull before the cursor passes it, so the
 * next pull tries it again.
 */
export async function pullInbox(options: PullOptions): Promise<PullReport> {
	const { db, client } = options;
	let cursor = await readInboxCursor(db);
	const added: string[] = [];
	for (;;) {
		const page = await client.list(cursor, PAGE);
		if (!page.ok) throw new Error(page.error.message);
		for (const document of page.value.documents) {
			if (await db.purchases.get(document.id)) continue;
			const stored = await receive(options, document);
			await db.transaction('rw', db.purchases, db.purchaseFiles, async () => {
				if (await db.purchases.get(document.id)) return;
				await db.purchases.put(stored.row);
				if (stored.file) await db.purchaseFiles.put(stored.file);
				added.push(document.id);
			});
		}
		if (page.value.cursor <= cursor) break;
		cursor = page.value.cursor;
		await writeSyncMeta(db, CURSOR, cursor);
		if (page.value.documents.length < PAGE) break;
	}
	return { added, cursor };
}

async function receive(
	options: PullOptions,
	document: InboxDocument
): Promise<{ row: PurchaseRow; file?: PurchaseFileRow }> {
	const base = {
		id: document.id,
		seq: document.seq,
		provider: document.provider,
		sender: document.sender,
		receivedAt: document.receivedAt ?? document.storedAt,
		sizeBytes: document.sizeBytes,
		summary: null,
		findingCounts: null,
		text: purchaseSearchText(null, document.sender)
	};
	if (document.state === 'refused') {
		const problem = document.refusal ?? 'The relay refused this document at intake.';
		return { row: { ...base, state: 'refused', problem } };
	}
	const sealed = await options.client.sealed(document.id);
	if (!sealed.ok) throw new Error(sealed.error.message);
	const bytes = await openSealedDocument(
		new Uint8Array(await sealed.value.arrayBuffer()),
		options.keys,
		options.workspaceId,
		document.id
	);
	const parsed = await options.parse(bytes);
	if (!parsed.ok) {
		return {
			row: { ...base, state: 'unreadable', problem: parsed.problem.message },
			file: { id: document.id, bytes, findings: null }
		};
	}
	const summary = purchaseSummary(parsed.document);
	return {
		row: {
			...base,
			state: 'read',
			summary,
			problem: null,
			text: purchaseSearchText(summary, document.sender)
		},
		file: { id: document.id, bytes, findings: null }
	};
}

/**
 * Runs the official rules on received documents not yet checked (the ids given, or every one
 * after a restart) and stores their findings. It runs after the pull, so a document shows up as
 * soon as it is opened and parsed; the rules worker's first load does not hold it back.
 */
export async function checkReceived(
	db: BillfoldDb,
	check: (xml: string) => Promise<Finding[] | undefined>,
	ids?: readonly string[]
): Promise<number> {
	const rows =
		ids === undefined
			? await db.purchases
					.filter((row) => row.state === 'read' && row.findingCounts === null)
					.toArray()
			: (await db.purchases.bulkGet([...ids])).filter(
					(row): row is PurchaseRow => row?.state === 'read' && row.findingCounts === null
				);
	let checked = 0;
	for (const row of rows) {
		const file = await db.purchaseFiles.get(row.id);
		if (!file) continue;
		const findings = await check(new TextDecoder().decode(file.bytes));
		if (!findings) continue;
		await db.transaction('rw', db.purchases, db.purchaseFiles, async () => {
			await db.purchases.update(row.id, {
				findingCounts: {
					fatal: findings.filter((finding) => finding.flag === 'fatal').length,
					warnings: findings.filter((finding) => finding.flag === 'warning').length
				}
			});
			await db.purchaseFiles.update(row.id, { findings });
		});
		checked += 1;
	}
	return checked;
}
