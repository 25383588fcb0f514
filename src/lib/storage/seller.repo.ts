import type { BillfoldDb } from './db';
import { RecordStore, type Parser } from './record-store';
import type { AttachmentRow, SettingsRow } from './records';

/**
 * The seller profile is the one record of its kind in a workspace. A fixed id (a valid UUIDv7
 * shape) lets two devices that each started a profile before syncing converge on one record.
 */
export const SELLER_PROFILE_ID = '00000000-0000-7000-8000-000000000001';

export interface StoredFile {
	id: string;
	fileName: string;
	mimeType: string;
	size: number;
	blob: Blob;
}

export class SellerRepo<T> {
	readonly #records: RecordStore<T, SettingsRow>;

	constructor(
		private readonly db: BillfoldDb,
		parser: Parser<T>
	) {
		this.#records = new RecordStore<T, SettingsRow>(db.settings, parser, (data, meta) => ({
			...meta,
			data
		}));
	}

	get(): Promise<T | undefined> {
		return this.#records.get(SELLER_PROFILE_ID);
	}

	put(profile: T, now: string): Promise<void> {
		return this.#records.put(SELLER_PROFILE_ID, profile, now);
	}

	/** Files the profile owns (terms of sale); the profile keeps only their id. */
	async putFile(file: StoredFile): Promise<void> {
		const row: AttachmentRow = { ...file, ownerId: SELLER_PROFILE_ID };
		await this.db.attachments.put(row);
	}

	async getFile(id: string): Promise<StoredFile | undefined> {
		const row = await this.db.attachments.get(id);
		if (!row || row.ownerId !== SELLER_PROFILE_ID) return undefined;
		return {
			id: row.id,
			fileName: row.fileName,
			mimeType: row.mimeType,
			size: row.size,
			blob: row.blob
		};
	}

	async deleteFile(id: string): Promise<void> {
		await this.db.attachments.where({ id, ownerId: SELLER_PROFILE_ID }).delete();
	}
}
