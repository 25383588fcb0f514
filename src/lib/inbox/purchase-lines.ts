import type { PurchaseAllowanceCharge, PurchaseLine } from './purchase-document';
import { optionalDecimal, requiredDecimal } from './purchase-amount';
import { defined } from './purchase-parties';
import { at, child, children, textAt, type XmlElement } from './purchase-xml';

/** BG-20 / BG-21 at document level, BG-27 / BG-28 on a line: cac:AllowanceCharge. */
export function allowanceChargeOf(element: XmlElement, where: string): PurchaseAllowanceCharge {
	const isCharge = textAt(element, 'cbc:ChargeIndicator')?.toLowerCase() === 'true';
	const term = (allowance: string, charge: string) => (isCharge ? charge : allowance);
	const here = `${where}cac:AllowanceCharge (line ${element.line}) `;
	return defined({
		isCharge,
		amount: requiredDecimal(
			element,
			['cbc:Amount'],
			{ term: term('BT-92/BT-136 allowance amount', 'BT-99/BT-141 charge amount'), rule: 'BR-31' },
			here
		),
		baseAmount: optionalDecimal(element, ['cbc:BaseAmount'], { term: 'base amount' }),
		percent: optionalDecimal(element, ['cbc:MultiplierFactorNumeric'], { term: 'percentage' }),
		reason: textAt(element, 'cbc:AllowanceChargeReason'),
		reasonCode: textAt(element, 'cbc:AllowanceChargeReasonCode'),
		vatCategory: textAt(element, 'cac:TaxCategory', 'cbc:ID'),
		vatRate: optionalDecimal(element, ['cac:TaxCategory', 'cbc:Percent'], { term: 'VAT rate' })
	});
}

/**
 * BG-25 from cac:InvoiceLine or cac:CreditNoteLine (whose quantity is cbc:CreditedQuantity). The
 * amounts, quantity and price must be decimals (the line cannot be shown otherwise); a missing
 * name, id or unit stays "" for the official rules' findings to name.
 */
export function lineOf(line: XmlElement, index: number): PurchaseLine {
	const here = `${line.name}[${index + 1}] (line ${line.line}): `;
	const quantityName = child(line, 'cbc:CreditedQuantity')
		? 'cbc:CreditedQuantity'
		: 'cbc:InvoicedQuantity';
	const item = child(line, 'cac:Item');
	const period = child(line, 'cac:InvoicePeriod');
	const periodValue =
		period === undefined
			? undefined
			: defined({ start: textAt(period, 'cbc:StartDate'), end: textAt(period, 'cbc:EndDate') });
	return defined({
		id: textAt(line, 'cbc:ID') ?? '',
		name: textAt(item, 'cbc:Name') ?? '',
		description: textAt(item, 'cbc:Description'),
		quantity: requiredDecimal(
			line,
			[quantityName],
			{ term: 'BT-129 invoiced quantity', rule: 'BR-22' },
			here
		),
		unitCode: at(line, quantityName)?.attributes['unitCode'] ?? '',
		netPrice: requiredDecimal(
			line,
			['cac:Price', 'cbc:PriceAmount'],
			{ term: 'BT-146 item net price', rule: 'BR-26' },
			here
		),
		baseQuantity: optionalDecimal(line, ['cac:Price', 'cbc:BaseQuantity'], {
			term: 'BT-149 item price base quantity'
		}),
		lineTotal: requiredDecimal(
			line,
			['cbc:LineExtensionAmount'],
			{ term: 'BT-131 invoice line net amount', rule: 'BR-24' },
			here
		),
		vatCategory: textAt(item, 'cac:ClassifiedTaxCategory', 'cbc:ID') ?? '',
		vatRate: optionalDecimal(item, ['cac:ClassifiedTaxCategory', 'cbc:Percent'], {
			term: 'BT-152 invoiced item VAT rate'
		}),
		allowancesCharges: children(line, 'cac:AllowanceCharge').map((element) =>
			allowanceChargeOf(element, here)
		),
		sellerItemId: textAt(item, 'cac:SellersItemIdentification', 'cbc:ID'),
		note: textAt(line, 'cbc:Note'),
		period:
			periodValue === undefined || Object.keys(periodValue).length === 0 ? undefined : periodValue
	});
}
