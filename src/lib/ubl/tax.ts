import type { Language } from '$lib/language';
import Big from 'big.js';
import type { DocumentAllowanceCharge, Totals } from '$lib/invoice';
import type { VatCategory } from '$lib/vat';
import { VAT_SCHEME } from './codes';
import type { UblNode } from './ubl-node';

/** A decimal in plain notation, never "1e-7" and never "-0". */
export function plainDecimal(value: string): string {
	const parsed = new Big(value);
	return parsed.eq(0) ? '0' : parsed.toFixed();
}

interface TaxCategoryContent {
	category: VatCategory;
	rate: string;
	vatex?: string | undefined;
	exemptionReason?: string | undefined;
}

/**
 * TaxCategory / ClassifiedTaxCategory. An outside-scope (O) category has no rate at all
 * (BR-O-05/06/07, BR-48); every other category states its rate, 0 included.
 */
export function writeTaxCategory(
	parent: UblNode,
	element: 'TaxCategory' | 'ClassifiedTaxCategory',
	content: TaxCategoryContent
): void {
	const category = parent.cac(element);
	category
		.cbc('ID', content.category)
		.cbc('Percent', content.category === 'O' ? undefined : plainDecimal(content.rate))
		.cbc('TaxExemptionReasonCode', content.vatex) // BT-121
		.cbc('TaxExemptionReason', content.exemptionReason); // BT-120
	category.cac('TaxScheme').cbc('ID', VAT_SCHEME);
}

/**
 * BG-20 / BG-21 as computed by the domain. With a cash discount these are the Belgian pattern:
 * one allowance per VAT group and one compensating exempt charge (domain-belgium.md §3.2).
 */
export function writeDocumentAllowanceCharges(
	parent: UblNode,
	items: readonly DocumentAllowanceCharge[],
	currency: string
): void {
	for (const item of items) {
		const node = parent.cac('AllowanceCharge');
		node
			.cbc('ChargeIndicator', String(item.chargeIndicator))
			.cbc('AllowanceChargeReasonCode', item.reasonCode) // BT-98 / BT-105
			.cbc('AllowanceChargeReason', item.reason) // BT-97 / BT-104
			.cbc('MultiplierFactorNumeric', item.percent && plainDecimal(item.percent)) // BT-94 / BT-101
			.amount('Amount', item.amountCents, currency); // BT-92 / BT-99
		if (item.baseCents !== undefined) node.amount('BaseAmount', item.baseCents, currency); // BT-93 / BT-100
		writeTaxCategory(node, 'TaxCategory', { category: item.category, rate: item.rate }); // BT-95/96, BT-102/103
	}
}

/** BG-22 VAT total and BG-23 one subtotal per VAT group, with the exemption reasons merged by the domain. */
export function writeTaxTotal(
	parent: UblNode,
	totals: Totals,
	currency: string,
	language: Language
): void {
	const taxTotal = parent.cac('TaxTotal');
	taxTotal.amount('TaxAmount', totals.taxCents, currency); // BT-110
	for (const group of totals.breakdown) {
		const subtotal = taxTotal.cac('TaxSubtotal');
		subtotal
			.amount('TaxableAmount', group.taxableCents, currency) // BT-116
			.amount('TaxAmount', group.taxCents, currency); // BT-117
		writeTaxCategory(subtotal, 'TaxCategory', {
			category: group.category, // BT-118
			rate: group.rate, // BT-119
			vatex: group.vatex,
			exemptionReason: group.exemptionReason?.[language]
		});
	}
}

/** BG-22 document totals. */
export function writeMonetaryTotal(parent: UblNode, totals: Totals, currency: string): void {
	const total = parent.cac('LegalMonetaryTotal');
	total
		.amount('LineExtensionAmount', totals.lineExtensionCents, currency) // BT-106
		.amount('TaxExclusiveAmount', totals.taxExclusiveCents, currency) // BT-109
		.amount('TaxInclusiveAmount', totals.taxInclusiveCents, currency); // BT-112
	if (totals.allowances.length > 0) {
		total.amount('AllowanceTotalAmount', totals.allowanceTotalCents, currency); // BT-107
	}
	if (totals.charges.length > 0) {
		total.amount('ChargeTotalAmount', totals.chargeTotalCents, currency); // BT-108
	}
	if (totals.prepaidCents !== 0) total.amount('PrepaidAmount', totals.prepaidCents, currency); // BT-113
	total.amount('PayableAmount', totals.payableCents, currency); // BT-115
}
