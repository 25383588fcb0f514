// Every example invoice document, rendered as the CLI renders it (its PDF and attachments
// embedded), becomes UBL that the official Peppol BIS 3.0 + EN 16931 rules and the UBL 2.1 XSD
// accept without a single finding, and together they cover the scenarios
// the product promises.
import { beforeAll, describe, expect, it } from 'vitest';
import { formatFinding, type PeppolValidator } from '$lib/peppol-rules';
import { nodeValidator } from '$lib/peppol-rules/node';
import type { InvoiceDocument } from '$lib/document';
import { exampleAsSent, exampleNames, readExample } from '../factories/examples';

const files = exampleNames;

const documents = files.map((name) => ({ name, document: readExample(name) }));

let validator: PeppolValidator;
beforeAll(async () => {
	validator = await nodeValidator();
});

describe('examples/', () => {
	it.each(files)(
		'%s passes the official Peppol BIS 3.0 rules with no finding',
		async (name) => {
			const document = readExample(name);
			const { xml, warnings } = await exampleAsSent(document);
			expect(xml).toContain('mimeCode="application/pdf"');
			const result = validator.validate(xml);
			expect(result.fatal.map(formatFinding)).toEqual([]);
			expect(result.warnings.map(formatFinding)).toEqual([]);
			// The only thing toUbl may flag in an example is a buyer that is not on Peppol.
			for (const warning of warnings) expect(warning.code).toBe('buyer-not-on-peppol');
		},
		300_000
	);

	it('covers every scenario of the issue', () => {
		const categoriesOf = (document: InvoiceDocument) => {
			const codes = new Map(document.vatCodes.map((code) => [code.id, code]));
			return document.lines.flatMap((line) =>
				line.type === 'item' ? [codes.get(line.vatCodeId)] : []
			);
		};
		const has = (predicate: (document: InvoiceDocument) => boolean) =>
			documents.filter(({ document }) => predicate(document)).map(({ name }) => name);
		const usesCode = (id: string) => (document: InvoiceDocument) =>
			categoriesOf(document).some((code) => code?.id === id);
		const rates = (document: InvoiceDocument) =>
			new Set(categoriesOf(document).map((code) => `${code?.category}${code?.rate}`));
		const itemCount = (document: InvoiceDocument) =>
			document.lines.filter((line) => line.type === 'item').length;

		expect(files.length).toBeGreaterThanOrEqual(13);
		const scenarios = {
			'21 % multi-line': has(
				(d) => itemCount(d) > 1 && [...rates(d)].every((rate) => rate === 'S21')
			),
			'mixed 21/12/6/0 %': has((d) => ['S21', 'S12', 'S6', 'Z0'].every((r) => rates(d).has(r))),
			'small-business exemption': has(
				(d) => d.seller.smallBusinessExemption && usesCode('E-SMALL-BUSINESS')(d)
			),
			'co-contractor reverse charge': has(usesCode('AE-CO-CONTRACTOR')),
			'intra-EU services': has(usesCode('AE-EU-SERVICES')),
			'intra-community goods': has(usesCode('K-EU-GOODS')),
			export: has(usesCode('G-EXPORT')),
			'cash discount with two rates': has(
				(d) =>
					d.cashDiscount !== undefined && [...rates(d)].filter((r) => r.startsWith('S')).length >= 2
			),
			'credit note': has((d) => d.type === 'creditNote'),
			'private-individual buyer': has((d) => d.buyer.kind === 'private'),
			'Dutch buyer': has((d) => d.buyer.address.countryCode === 'NL'),
			'French buyer': has((d) => d.buyer.address.countryCode === 'FR'),
			'200-line invoice': has((d) => itemCount(d) >= 200)
		};
		for (const [scenario, names] of Object.entries(scenarios)) {
			expect(names, scenario).not.toEqual([]);
		}
	});
});
