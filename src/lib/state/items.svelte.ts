import type { Language } from '$lib/language';
import {
	blankItemValues,
	checkItemValues,
	defaultVatCodeId,
	itemFromValues,
	itemMatches,
	itemSchema,
	itemValuesOf,
	itemValuesSchema,
	type Item,
	type ItemErrors,
	type ItemValues
} from '$lib/items';
import { defaultVatCodes, type VatCode } from '$lib/vat';
import { appDb, ItemsRepo, type BillfoldDb } from '$lib/storage';
import { browserEffects, type StoreEffects } from './settings-effects';
import { FormDraft } from './settings-form-draft.svelte.js';
import { sellerStore, type SellerStore } from './seller.svelte.js';

/** The one way an item is written. */
export async function writeItem(db: BillfoldDb, item: Item, now: string): Promise<Item> {
	const record = itemSchema.parse({ ...item, updatedAt: now });
	await new ItemsRepo(db, itemSchema).put(record, now);
	return record;
}

export class ItemsStore {
	list = $state<Item[]>([]);
	loaded = $state(false);
	flash = $state<{ id: string; name: string }>();

	constructor(
		private readonly db: () => BillfoldDb,
		private readonly seller: SellerStore,
		private readonly effects: StoreEffects = browserEffects
	) {}

	get repo(): ItemsRepo<Item> {
		return new ItemsRepo(this.db(), itemSchema);
	}

	/** The seller's VAT code table (the defaults until a profile is saved). */
	get vatCodes(): readonly VatCode[] {
		return this.seller.profile?.vatCodes ?? defaultVatCodes;
	}

	get defaultVatCodeId(): string {
		return defaultVatCodeId(this.vatCodes, this.seller.profile?.smallBusinessExemption ?? false);
	}

	async load(): Promise<Item[]> {
		if (!this.seller.loaded) await this.seller.load();
		this.list = await this.repo.all();
		this.loaded = true;
		return this.list;
	}

	search(query: string, includeArchived: boolean): Item[] {
		return this.list.filter(
			(item) => (includeArchived || !item.archived) && itemMatches(item, query)
		);
	}

	get(id: string): Promise<Item | undefined> {
		return this.repo.get(id);
	}

	async save(values: ItemValues, language: Language, id: string | undefined): Promise<Item> {
		const now = this.effects.now();
		const previous = id ? await this.repo.get(id) : undefined;
		const item = itemFromValues(
			values,
			language,
			{ id: previous?.id ?? this.effects.newId(), createdAt: previous?.createdAt ?? now, now },
			previous
		);
		const saved = await writeItem(this.db(), item, now);
		await this.effects.afterSave();
		await this.load();
		return saved;
	}

	async setArchived(id: string, archived: boolean): Promise<Item | undefined> {
		const item = await this.repo.get(id);
		if (!item) return undefined;
		const saved = await writeItem(this.db(), { ...item, archived }, this.effects.now());
		await this.load();
		return saved;
	}
}

export const itemsStore = new ItemsStore(appDb, sellerStore);

export class ItemForm {
	readonly draft: FormDraft<ItemValues>;
	attempted = $state(false);

	constructor(
		db: BillfoldDb,
		private readonly store: ItemsStore,
		readonly id: string | undefined
	) {
		this.draft = new FormDraft(db, {
			key: `item:${id ?? 'new'}`,
			saved: async () => {
				await store.load();
				const item = id ? await store.get(id) : undefined;
				return item
					? itemValuesOf(item, store.defaultVatCodeId)
					: blankItemValues(store.defaultVatCodeId);
			},
			parse: (value) => itemValuesSchema.safeParse(value).data
		});
	}

	errors(language: Language): ItemErrors {
		return this.attempted ? checkItemValues(this.draft.value, language, this.store.vatCodes) : {};
	}

	async save(
		language: Language
	): Promise<{ ok: true; item: Item } | { ok: false; errors: ItemErrors }> {
		this.attempted = true;
		await this.draft.flushed();
		const values = $state.snapshot(this.draft.value);
		const errors = checkItemValues(values, language, this.store.vatCodes);
		if (Object.keys(errors).length > 0) return { ok: false, errors };
		const item = await this.store.save(values, language, this.id);
		await this.draft.discard(false);
		this.attempted = false;
		return { ok: true, item };
	}
}

export function createItemForm(id: string | undefined): ItemForm {
	return new ItemForm(appDb(), itemsStore, id);
}
