import { utf8 } from '$lib/bytes';
import { parsePurchaseDocument } from '$lib/inbox/purchase-parser';
import { purchaseDocumentSummary } from '$lib/inbox/purchase-summary';
import { toUbl } from '$lib/ubl';
import { sampleUblDocument } from './ubl-sample';

let prepared: Uint8Array | undefined;

/**
 * A received 200-line invoice as a supplier's software sends it: mixed rates, line discounts, and
 * its own PDF embedded (the real rendering, so the base64 is the size it is in practice).
 */
function prepare(lineCount: number, pdf: Uint8Array): number {
	prepared = utf8(toUbl(sampleUblDocument(lineCount), { pdf }).xml);
	return prepared.length;
}

/** What the inbox does with decrypted bytes before it shows the document: read it and summarise it. */
function run(): { ms: number; lines: number } {
	if (!prepared) throw new Error('inbox bench: prepare first');
	const started = performance.now();
	const result = parsePurchaseDocument(prepared);
	if (!result.ok) throw new Error(result.problem.message);
	purchaseDocumentSummary(result.document);
	return { ms: performance.now() - started, lines: result.document.lines.length };
}

export const inboxBench = { prepare, run };
