import type { VatCode } from './vat-code';

// Apart from the VAT code's schema (vat-code.ts): the totals (and so the PDF worker) need it, and
// must not load zod for it.
export function findVatCode(codes: readonly VatCode[], id: string): VatCode | undefined {
	return codes.find((code) => code.id === id);
}
