import type { Item } from './item';

/** The line a catalogue item adds to an invoice; quantity 1 by default. */
export type LineFromItem =
	| {
			type: 'item';
			itemId: string;
			description: string;
			quantity: string;
			unitCode: string;
			unitPrice: string;
			vatCodeId: string;
	  }
	| { type: 'text'; text: string };

/** "Name – description", as the item form's hints promise for both kinds of item. */
function nameAndDescription(item: Item): string {
	return item.description ? `${item.name} – ${item.description}` : item.name;
}

export function lineFromItem(item: Item, quantity = '1'): LineFromItem {
	if (item.kind === 'text') return { type: 'text', text: nameAndDescription(item) };
	return {
		type: 'item',
		itemId: item.id,
		description: nameAndDescription(item),
		quantity,
		unitCode: item.unitCode,
		unitPrice: item.unitPrice,
		vatCodeId: item.vatCodeId
	};
}
