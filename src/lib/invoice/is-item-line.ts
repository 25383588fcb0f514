import type { InvoiceLine, ItemLine } from './line';

// Apart from the line schemas (line.ts): the totals (and so the PDF worker) need it, and must not
// load zod for it.
export function isItemLine(line: InvoiceLine): line is ItemLine {
	return line.type === 'item';
}
