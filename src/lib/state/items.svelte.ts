import type { Language } from '$lib/language';
import { z } from 'zod';
import { ITEM_SCHEMA_VERSION, itemSchema, type Item } from '$lib/items';
import { parseLocalizedDecimal, UNSIGNED_DECIMAL_PATTERN } from '$lib/money';
import { DEFAULT_VAT_CODE_IDS, defaultVatCodes, type VatCode } from '$lib/vat';
import { UNIT_CODE_PATTERN } from '$lib/units';
import { appDb, ItemsRepo, type BillfoldDb } from '$lib/storage';
import { browserEffects, type StoreEffects } from './settings-effects';
import { FormDraft } from './settings-form-draft.svelte.js';
import { sellerStore, type SellerStore } from './seller.svelte.js';

export const itemValuesSchema = z.object({
	kind: z.enum(['priced', 'text']),
	name: z.string(),
	description: z.string(),
	unitCode: z.string(),
	vatCodeId: z.string(),
	unitPrice: z.string()
});
export type ItemValues = z.infer<typeof itemValuesSchema>;
export type ItemField = keyof ItemValues;

/** Which rule a field breaks; the page words it in the user's language. */
export type ItemProblem = 'nameRequired' | 'unitPrice' | 'unitCode' | 'vatCode';
export type ItemErrors = Partial<Record<ItemField, ItemProblem>>;

/** A small-business-exempt seller charges no VAT, so new items start with that scheme's code. */
export function defaultVatCodeId(codes: readonly VatCode[], smallBusiness: boolean): string {
	const preferred = smallBusiness
		? DEFAULT_VAT_CODE_IDS.smallBusiness
		: DEFAULT_VAT_CODE_IDS.standard21;
	return codes.find((code) => code.id === preferred)?.id ?? codes[0]?.id ?? preferred;
}

export function blankItemValues(vatCodeId: string): ItemValues {
	return { kind: 'priced', name: '', description: '', unitCode: 'H87', vatCodeId, unitPrice: '' };
}

export function itemValuesOf(item: Item, fallbackVatCodeId: string): ItemValues {
	return item.kind === 'priced'
		? {
				kind: 'priced',
				name: item.name,
				description: item.description ?? '',
				unitCode: item.unitCode,
				vatCodeId: item.vatCodeId,
				unitPrice: item.unitPrice
			}
		: {
				kind: 'text',
				name: item.name,
				description: item.description ?? '',
				unitCode: 'H87',
				vatCodeId: fallbackVatCodeId,
				unitPrice: ''
			};
}

/** "12,50" (nl), "12.50" or "1.234,5" → "12.5" / "1234.5"; undefined when it is not a price. */
export function parseUnitPrice(text: string, language: Language): string | undefined {
	try {
		const value = parseLocalizedDecimal(text, language, 'unit price');
		return UNSIGNED_DECIMAL_PATTERN.test(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

export function checkItemValues(
	values: ItemValues,
	language: Language,
	vatCodes: readonly VatCode[]
): ItemErrors {
	const errors: ItemErrors = {};
	if (values.name.trim() === '') errors.name = 'nameRequired';
	// A text item has no price: it becomes a text line with its description (or name).
	if (values.kind === 'text') return errors;
	if (parseUnitPrice(values.unitPrice, language) === undefined) errors.unitPrice = 'unitPrice';
	if (!UNIT_CODE_PATTERN.test(values.unitCode)) errors.unitCode = 'unitCode';
	if (!vatCodes.some((code) => code.id === values.vatCodeId)) errors.vatCodeId = 'vatCode';
	return errors;
}

export function itemFromValues(
	values: ItemValues,
	language: Language,
	meta: { id: string; createdAt: string; now: string },
	previous?: Item
): Item {
	const base = {
		id: meta.id,
		schemaVersion: ITEM_SCHEMA_VERSION,
		createdAt: meta.createdAt,
		updatedAt: meta.now,
		name: values.name.trim(),
		description: values.description.trim() || undefined,
		archived: previous?.archived
	};
	return itemSchema.parse(
		values.kind === 'text'
			? { ...base, kind: 'text' }
			: {
					...base,
					kind: 'priced',
					unitCode: values.unitCode,
					vatCodeId: values.vatCodeId,
					unitPrice: parseUnitPrice(values.unitPrice, language)
				}
	);
}

export function itemMatches(item: Item, query: string): boolean {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	const haystack = `${item.name} ${item.description ?? ''}`.toLowerCase();
	return words.every((word) => haystack.includes(word));
}

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
