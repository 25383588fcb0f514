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

export function lineFromItem(item: Item, quantity = '1'): LineFromItem {
	if (item.kind === 'text') return { type: 'text', text: item.description ?? item.name };
	return {
		type: 'item',
		itemId: item.id,
		description: item.description ? `${item.name} – ${item.description}` : item.name,
		quantity,
		unitCode: item.unitCode,
		unitPrice: item.unitPrice,
		vatCodeId: item.vatCodeId
	};
}
