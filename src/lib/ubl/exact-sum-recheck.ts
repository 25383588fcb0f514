import Big from 'big.js';
import { create } from 'xmlbuilder2';

/**
 * The EN 16931 rules that compare a VAT breakdown's taxable amount with a sum of line, allowance
 * and charge amounts by exact equality, with the category each one is about. The validator kit
 * evaluates them with fontoxpath, whose xs:decimal is an IEEE double, so 10.10 + 20.20 is
 * 30.299999999999997 there and a correct "30.30" is reported as fatal (the XSLT reference, with
 * exact decimals, accepts it). BR-S-08 allows ±1 and BR-CO-* round, so only these are affected.
 */
export const EXACT_SUM_RULES: Readonly<Record<string, string>> = {
	'BR-E-08': 'E',
	'BR-AE-08': 'AE',
	'BR-IC-08': 'K',
	'BR-G-08': 'G',
	'BR-O-08': 'O',
	'BR-Z-08': 'Z'
};

function childElements(parent: Element, qualifiedName: string): Element[] {
	return Array.from(parent.childNodes).filter(
		(node): node is Element => node.nodeType === 1 && node.nodeName === qualifiedName
	);
}

function childText(parent: Element, path: string): string | undefined {
	let current: Element | undefined = parent;
	for (const step of path.split('/')) current = current && childElements(current, step)[0];
	return current?.textContent?.trim();
}

function decimal(text: string | undefined): Big {
	return new Big(text && text !== '' ? text : '0');
}

/** The rule "taxable amount = Σ line net + Σ charges − Σ allowances" of one category, in exact decimals. */
function exactSumHolds(root: Element, category: string): boolean {
	let expected = new Big(0);
	for (const name of ['cac:InvoiceLine', 'cac:CreditNoteLine']) {
		for (const line of childElements(root, name)) {
			if (childText(line, 'cac:Item/cac:ClassifiedTaxCategory/cbc:ID') === category) {
				expected = expected.plus(decimal(childText(line, 'cbc:LineExtensionAmount')));
			}
		}
	}
	for (const item of childElements(root, 'cac:AllowanceCharge')) {
		if (childText(item, 'cac:TaxCategory/cbc:ID') !== category) continue;
		const amount = decimal(childText(item, 'cbc:Amount'));
		expected =
			childText(item, 'cbc:ChargeIndicator') === 'true'
				? expected.plus(amount)
				: expected.minus(amount);
	}
	const subtotals = childElements(root, 'cac:TaxTotal').flatMap((total) =>
		childElements(total, 'cac:TaxSubtotal').filter(
			(subtotal) => childText(subtotal, 'cac:TaxCategory/cbc:ID') === category
		)
	);
	return (
		subtotals.length > 0 &&
		subtotals.every((subtotal) => decimal(childText(subtotal, 'cbc:TaxableAmount')).eq(expected))
	);
}

/**
 * Splits fatal findings into the real ones and those of EXACT_SUM_RULES that exact decimal
 * arithmetic shows to be false (a floating-point artefact of the validator). Every other finding,
 * and any of those rules that also fails in exact arithmetic, stays fatal.
 */
export function separateFloatArtifacts<T extends { id: string }>(
	xml: string,
	fatal: readonly T[]
): { fatal: T[]; floatArtifacts: T[] } {
	if (!fatal.some((finding) => finding.id in EXACT_SUM_RULES)) {
		return { fatal: [...fatal], floatArtifacts: [] };
	}
	const root = create(xml).root().node as unknown as Element;
	const real: T[] = [];
	const floatArtifacts: T[] = [];
	for (const finding of fatal) {
		const category = EXACT_SUM_RULES[finding.id];
		if (category !== undefined && exactSumHolds(root, category)) floatArtifacts.push(finding);
		else real.push(finding);
	}
	return { fatal: real, floatArtifacts };
}
