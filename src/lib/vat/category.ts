/** UNCL5305 VAT category codes that Peppol BIS allows and a Belgian seller uses. */
export const VAT_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'] as const;
export type VatCategory = (typeof VAT_CATEGORIES)[number];

/** S and Z carry no exemption reason (BR-S-10, BR-Z-10); every other category needs one. */
export function requiresExemptionReason(category: VatCategory): boolean {
	return category !== 'S' && category !== 'Z';
}

/** Categories whose rate is always 0 % (BR-Z-05, BR-E-05, BR-AE-05, BR-IC-05, BR-G-05; O has none). */
export function isZeroRatedCategory(category: VatCategory): boolean {
	return category !== 'S';
}

/**
 * EN 16931 wants one VAT breakdown per (category, rate) for S, and exactly one per category for
 * the 0 % categories (BR-E-01, BR-AE-01, BR-IC-01, BR-G-01, BR-O-01, BR-Z-01).
 */
export function breakdownKey(category: VatCategory, rate: string): string {
	return category === 'S' ? `S:${rate}` : category;
}

/** The buyer's VAT identifier is mandatory (BR-AE-02, BR-IC-02). */
export function requiresBuyerVatId(category: VatCategory): boolean {
	return category === 'AE' || category === 'K';
}
