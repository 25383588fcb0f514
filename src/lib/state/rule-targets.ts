// Where in the editor a finding of the official rules can be fixed: its location (the XPath of
// the node the rule fired on) and, for rules that fire on the document root, its id.
import type { Finding } from '$lib/peppol-rules';

export type RuleField =
	| 'contact'
	| 'issueDate'
	| 'dueDate'
	| 'deliveryDate'
	| 'buyerReference'
	| 'orderReference'
	| 'notes'
	| 'attachments'
	| 'lineDescription'
	| 'lineQuantity'
	| 'lineUnit'
	| 'linePrice'
	| 'lineVat'
	| 'lineDiscount';

/** An editor field (lines: with the index in the form) or a settings page for the seller's data. */
export type RuleTarget =
	{ kind: 'field'; field: RuleField; line?: number } | { kind: 'page'; page: 'profile' };

/** The root-level rules whose field is known by their id. */
const BY_ID: Readonly<Record<string, RuleField>> = {
	'PEPPOL-EN16931-R003': 'buyerReference',
	'BR-CO-25': 'dueDate',
	'PEPPOL-EN16931-R061': 'dueDate',
	'BR-02': 'issueDate',
	'BR-03': 'issueDate',
	'BR-07': 'contact',
	'BR-10': 'contact',
	'BR-11': 'contact',
	'PEPPOL-EN16931-R010': 'contact',
	'BR-16': 'lineDescription'
};

/** The VAT-category rules (BR-S-01 ... BR-O-14, BR-IC-.., BR-AF/AG ..) point at a line's VAT code. */
const VAT_RULE = /^BR-(S|Z|E|AE|IC|G|O|AF|AG|B)-\d+$/;

/** Line-level elements, by the UBL element the finding sits in. */
const LINE_PARTS: readonly [RegExp, RuleField][] = [
	[/cac:(Classified)?TaxCategory/, 'lineVat'],
	[/cac:AllowanceCharge/, 'lineDiscount'],
	[/cac:Price/, 'linePrice'],
	[/cbc:(Invoiced|Credited)Quantity(\[1\])?\/@unitCode/, 'lineUnit'],
	[/cbc:(Invoiced|Credited)Quantity/, 'lineQuantity']
];

const HEADER_PARTS: readonly [RegExp, RuleTarget][] = [
	[/^\/\w+\[1\]\/cac:AccountingCustomerParty/, { kind: 'field', field: 'contact' }],
	[/^\/\w+\[1\]\/cac:AccountingSupplierParty/, { kind: 'page', page: 'profile' }],
	[/^\/\w+\[1\]\/cac:PaymentMeans/, { kind: 'page', page: 'profile' }],
	[/^\/\w+\[1\]\/cbc:IssueDate/, { kind: 'field', field: 'issueDate' }],
	[/^\/\w+\[1\]\/(cbc:DueDate|cac:PaymentTerms)/, { kind: 'field', field: 'dueDate' }],
	[/^\/\w+\[1\]\/(cac:Delivery|cac:InvoicePeriod)/, { kind: 'field', field: 'deliveryDate' }],
	[/^\/\w+\[1\]\/cbc:BuyerReference/, { kind: 'field', field: 'buyerReference' }],
	[/^\/\w+\[1\]\/cac:OrderReference/, { kind: 'field', field: 'orderReference' }],
	[/^\/\w+\[1\]\/cbc:Note/, { kind: 'field', field: 'notes' }],
	[/^\/\w+\[1\]\/cac:AdditionalDocumentReference/, { kind: 'field', field: 'attachments' }]
];

/**
 * The editor field a finding concerns, or undefined when the rules say nothing a field can fix.
 * `itemLines` lists the form index of each item line in order: UBL line n is itemLines[n - 1]
 * (text lines travel as notes, not as UBL lines).
 */
export function ruleTarget(finding: Finding, itemLines: readonly number[]): RuleTarget | undefined {
	const line = /^\/\w+\[1\]\/cac:(?:Invoice|CreditNote)Line\[(\d+)\](.*)$/.exec(finding.location);
	if (line) {
		const index = itemLines[Number(line[1]) - 1];
		if (index === undefined) return undefined;
		const rest = line[2] ?? '';
		const field = LINE_PARTS.find(([pattern]) => pattern.test(rest))?.[1] ?? 'lineDescription';
		return { kind: 'field', field, line: index };
	}
	for (const [pattern, target] of HEADER_PARTS) if (pattern.test(finding.location)) return target;
	const byId = BY_ID[finding.id];
	if (byId) {
		const first = itemLines[0];
		return byId.startsWith('line')
			? first === undefined
				? undefined
				: { kind: 'field', field: byId, line: first }
			: { kind: 'field', field: byId };
	}
	if (VAT_RULE.test(finding.id) || /cac:TaxTotal/.test(finding.location)) {
		const first = itemLines[0];
		return first === undefined ? undefined : { kind: 'field', field: 'lineVat', line: first };
	}
	return undefined;
}
