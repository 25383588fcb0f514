import type { Finding } from '$lib/peppol-rules';
import {
	payInstruction,
	type PayInstruction,
	type PurchaseAttachment,
	type PurchaseDocument
} from '$lib/inbox';
import { appDb, type BillfoldDb } from '$lib/storage';
import type { PurchaseRow } from '$lib/storage/purchase-records';

export type { PurchaseRow } from '$lib/storage/purchase-records';
import { purchases, type PurchaseListRow } from './purchases.svelte';

/** A file of a received document as the page offers it: to open (object URL) and to download. */
export interface PurchaseFile {
	key: string;
	name: string;
	mimeType: string;
	description: string | undefined;
	size: number;
	url: string;
	isPdf: boolean;
}

/**
 * One received document, opened: parsed again from the stored UBL (the parser is fast and the
 * stored bytes stay the one source), its findings, its files and how to pay it. Object URLs
 * live until `close()`.
 */
export class PurchaseDocumentView {
	loaded = $state(false);
	row = $state.raw<PurchaseRow>();
	listRow = $state.raw<PurchaseListRow>();
	document = $state.raw<PurchaseDocument>();
	problem = $state<string>();
	findings = $state.raw<Finding[]>([]);
	files = $state.raw<PurchaseFile[]>([]);
	/** The original UBL as received. */
	original = $state.raw<PurchaseFile>();
	pay = $state.raw<PayInstruction>();
	qrSvg = $state<string>();
	#urls: string[] = [];

	constructor(private readonly db: () => BillfoldDb = appDb) {}

	async load(id: string): Promise<void> {
		this.close();
		await purchases.open();
		const db = this.db();
		const [row, file] = await Promise.all([db.purchases.get(id), db.purchaseFiles.get(id)]);
		this.row = row;
		this.listRow = purchases.all.find((candidate) => candidate.id === id);
		this.problem = row?.problem ?? undefined;
		this.findings = (file?.findings ?? []) as Finding[];
		if (file) {
			this.original = this.#file(
				'original',
				`${this.#baseName(row)}.xml`,
				'application/xml',
				file.bytes
			);
			const { parsePurchaseDocument } = await import('$lib/inbox/purchase-parser');
			const parsed = await parsePurchaseDocument(file.bytes);
			if (parsed.ok) {
				this.document = parsed.document;
				this.files = parsed.document.attachments.flatMap((attachment, index) =>
					attachment.bytes ? [this.#attachment(attachment, index)] : []
				);
				await this.#preparePay(parsed.document);
			}
		}
		this.loaded = true;
	}

	async #preparePay(document: PurchaseDocument): Promise<void> {
		const balance = this.listRow?.balanceCents ?? 0;
		this.pay = document.kind === 'invoice' ? payInstruction(document, balance) : undefined;
		const payload = this.pay?.epcPayload;
		if (payload === undefined) return;
		const { toString } = await import('qrcode');
		this.qrSvg = await toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
	}

	#baseName(row: PurchaseRow | undefined): string {
		const number = row?.summary?.number ?? row?.id ?? 'document';
		return number.replace(/[^\w.-]+/g, '_');
	}

	#attachment(attachment: PurchaseAttachment, index: number): PurchaseFile {
		const mimeType = attachment.mimeType ?? 'application/octet-stream';
		const name =
			attachment.fileName ??
			`${attachment.id || `attachment-${index + 1}`}${mimeType === 'application/pdf' ? '.pdf' : ''}`;
		return {
			...this.#file(`attachment-${index}`, name, mimeType, attachment.bytes ?? new Uint8Array()),
			description: attachment.description
		};
	}

	#file(key: string, name: string, mimeType: string, bytes: Uint8Array): PurchaseFile {
		const blob = new Blob([bytes.slice()], { type: mimeType });
		const url = URL.createObjectURL(blob);
		this.#urls.push(url);
		return {
			key,
			name,
			mimeType,
			description: undefined,
			size: bytes.length,
			url,
			isPdf: mimeType === 'application/pdf'
		};
	}

	close(): void {
		for (const url of this.#urls) URL.revokeObjectURL(url);
		this.#urls = [];
		this.loaded = false;
		this.document = undefined;
		this.files = [];
		this.original = undefined;
		this.pay = undefined;
		this.qrSvg = undefined;
	}
}
