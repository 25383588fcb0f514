import type * as Y from 'yjs';
import { docRows, type BillfoldDb } from '$lib/storage';
import { applyUpdates, docFromUpdates } from './record-doc';

interface OpenDoc {
	doc: Y.Doc;
	/** Highest local row seq already applied, so a refresh reads only newer rows. */
	throughSeq: number;
	holders: number;
	refreshing: Promise<void>;
}

export interface DocHandle {
	doc: Y.Doc;
	release(): void;
}

/**
 * Y.Docs are loaded only while their record is open (an editor binding to the doc, e.g. rich text)
 * and dropped when the last holder releases them. Saves and remote changes refresh open docs
 * from the stored rows, the single source of truth.
 */
export class OpenDocs {
	readonly #open = new Map<string, OpenDoc>();

	constructor(private readonly db: BillfoldDb) {}

	async open(docId: string): Promise<DocHandle> {
		let entry = this.#open.get(docId);
		if (!entry) {
			const rows = await docRows(this.db, docId);
			const existing = this.#open.get(docId);
			entry = existing ?? {
				doc: docFromUpdates(rows.map((row) => row.update)),
				throughSeq: rows.at(-1)?.seq ?? 0,
				holders: 0,
				refreshing: Promise.resolve()
			};
			this.#open.set(docId, entry);
		}
		entry.holders++;
		const opened = entry;
		let released = false;
		return {
			doc: opened.doc,
			release: () => {
				if (released) return;
				released = true;
				opened.holders--;
				if (opened.holders === 0) {
					this.#open.delete(docId);
					opened.doc.destroy();
				}
			}
		};
	}

	isOpen(docId: string): boolean {
		return this.#open.has(docId);
	}

	/** Applies rows stored since the open docs were loaded; resolves once applied. */
	refresh(docIds: readonly string[]): Promise<void> {
		const work = docIds.flatMap((docId) => {
			const entry = this.#open.get(docId);
			if (!entry) return [];
			entry.refreshing = entry.refreshing.then(async () => {
				const rows = await docRows(this.db, docId, entry.throughSeq);
				if (rows.length === 0) return;
				applyUpdates(
					entry.doc,
					rows.map((row) => row.update),
					'stored'
				);
				entry.throughSeq = rows.at(-1)?.seq ?? entry.throughSeq;
			});
			return [entry.refreshing];
		});
		return Promise.all(work).then(() => undefined);
	}

	closeAll(): void {
		for (const entry of this.#open.values()) entry.doc.destroy();
		this.#open.clear();
	}
}
