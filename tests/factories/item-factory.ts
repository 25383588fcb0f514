import { ITEM_SCHEMA_VERSION, type Item } from '$lib/items';
import { DEFAULT_VAT_CODE_IDS } from '$lib/vat';
import { buildRecordMeta } from './record-meta';

export function buildItem(overrides: Partial<Extract<Item, { kind: 'priced' }>> = {}): Item {
	return {
		...buildRecordMeta(ITEM_SCHEMA_VERSION),
		kind: 'priced',
		name: 'Consultancy',
		description: 'Per hour, on site',
		unitCode: 'HUR',
		vatCodeId: DEFAULT_VAT_CODE_IDS.standard21,
		unitPrice: '85',
		...overrides
	};
}

export function buildTextItem(overrides: Partial<Extract<Item, { kind: 'text' }>> = {}): Item {
	return {
		...buildRecordMeta(ITEM_SCHEMA_VERSION),
		kind: 'text',
		name: 'Warranty',
		description: 'Two years warranty on parts and labour.',
		...overrides
	};
}
