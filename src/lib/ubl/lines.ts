import type { Language } from '$lib/language';
import type { InvoiceLine, LineTotals } from '$lib/invoice';
import { LINE_DISCOUNT_REASON_CODE, type DocumentKind } from './codes';
import { plainDecimal, writeTaxCategory } from './tax';
import { LINE_DISCOUNT_REASON } from './texts';
import type { UblNode } from './ubl-node';

/**
 * Text-only lines (headings, remarks) have no UBL counterpart: a BG-25 line needs a quantity,
 * a price and a VAT category. Each one becomes part of the line note (BT-127) of the priced
 * line that follows it, because a heading introduces what comes after; text after the last
 * priced line goes to that last line. Several texts for one line are joined by line breaks
 * (UBL-SR-34 allows one note per line). Returns the note per index in `lines`.
 */
export function textLineNotes(lines: readonly InvoiceLine[]): Map<number, string> {
	const notes = new Map<number, string[]>();
	let pending: string[] = [];
	let lastItemIndex: number | undefined;
	lines.forEach((line, index) => {
		if (line.type === 'text') {
			pending.push(line.text);
			return;
		}
		if (pending.length > 0) notes.set(index, pending);
		pending = [];
		lastItemIndex = index;
	});
	if (pending.length > 0 && lastItemIndex !== undefined) {
		notes.set(lastItemIndex, [...(notes.get(lastItemIndex) ?? []), ...pending]);
	}
	return new Map([...notes].map(([index, texts]) => [index, texts.join('\n')]));
}

/** BT-153 is the first line of the description; the whole text is BT-154 when it has more. */
function itemName(description: string): { name: string; description?: string } {
	const lineBreak = description.indexOf('\n');
	if (lineBreak < 0) return { name: description };
	return { name: description.slice(0, lineBreak).trim(), description };
}

export interface LineContext {
	kind: DocumentKind;
	currency: string;
	language: Language;
	lines: readonly InvoiceLine[];
	notes: ReadonlyMap<number, string>;
}

/** BG-25 lines, numbered 1…n in document order; amounts come from the domain's line totals. */
export function writeLines(
	parent: UblNode,
	lineTotals: readonly LineTotals[],
	context: LineContext
): void {
	lineTotals.forEach((amounts, position) => {
		const line = context.lines[amounts.index];
		if (line?.type !== 'item')
			throw new Error(`line totals point at lines[${amounts.index}], not an item line`);
		const node = parent.cac(context.kind.lineElement);
		node
			.cbc('ID', String(position + 1)) // BT-126
			.cbc('Note', context.notes.get(amounts.index)) // BT-127
			.cbc(context.kind.quantityElement, plainDecimal(line.quantity), { unitCode: line.unitCode }) // BT-129, BT-130
			.amount('LineExtensionAmount', amounts.netCents, context.currency); // BT-131
		if (amounts.discountCents !== 0 && line.discountPercent) {
			node
				.cac('AllowanceCharge') // BG-27
				.cbc('ChargeIndicator', 'false')
				.cbc('AllowanceChargeReasonCode', LINE_DISCOUNT_REASON_CODE) // BT-140
				.cbc('AllowanceChargeReason', LINE_DISCOUNT_REASON[context.language]) // BT-139
				.cbc('MultiplierFactorNumeric', plainDecimal(line.discountPercent)) // BT-138
				.amount('Amount', amounts.discountCents, context.currency) // BT-136
				.amount('BaseAmount', amounts.grossCents, context.currency); // BT-137
		}
		const item = node.cac('Item');
		const { name, description } = itemName(line.description);
		item.cbc('Description', description).cbc('Name', name); // BT-154, BT-153
		writeTaxCategory(item, 'ClassifiedTaxCategory', {
			category: amounts.category, // BT-151
			rate: amounts.rate // BT-152
		});
		node.cac('Price').cbc('PriceAmount', plainDecimal(line.unitPrice), {
			currencyID: context.currency
		}); // BT-146
	});
}
