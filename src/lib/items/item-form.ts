import { z } from 'zod';
import type { Language } from '$lib/language';
import { parseLocalizedDecimal, UNSIGNED_DECIMAL_PATTERN } from '$lib/money';
import { UNIT_CODE_PATTERN } from '$lib/units';
import { DEFAULT_VAT_CODE_IDS, type VatCode } from '$lib/vat';
import { ITEM_SCHEMA_VERSION, itemSchema, type Item } from './item';

/** An item as typed in the form: text everywhere, so nothing typed is refused before saving. */
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
