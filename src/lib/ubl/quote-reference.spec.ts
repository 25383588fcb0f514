// An invoice made from a quote names the quote where Peppol BIS 3.0 lets a buyer's system read it:
// a supporting document (BG-24) with the quote number, which the official rules accept.
import { beforeAll, describe, expect, it } from 'vitest';
import { formatFinding, type PeppolValidator } from '$lib/peppol-rules';
import { nodeValidator } from '$lib/peppol-rules/node';
import { buildInvoiceDocument } from '../../../tests/factories';
import { toUbl } from './to-ubl';
import { UblError } from './ubl-issues';

let validator: PeppolValidator;
beforeAll(async () => {
	validator = await nodeValidator();
});

const REFERENCE =
	/<cac:AdditionalDocumentReference>\s*<cbc:ID>Q-2026-0007<\/cbc:ID>\s*<cbc:DocumentDescription>Offerte<\/cbc:DocumentDescription>\s*<\/cac:AdditionalDocumentReference>/;

describe('the quote reference in the UBL', () => {
	it('is a BG-24 supporting document with the quote number and no type code', () => {
		const { xml } = toUbl(buildInvoiceDocument({ quoteReference: 'Q-2026-0007' }), {
			pdf: new TextEncoder().encode('%PDF-1.7 quote test')
		});
		expect(xml).toMatch(REFERENCE);
		expect(xml).not.toContain('OriginatorDocumentReference');
		// Before the embedded PDF, in UBL's element order.
		expect(xml.indexOf('Q-2026-0007')).toBeLessThan(xml.indexOf('EmbeddedDocumentBinaryObject'));
	});

	it('passes the official Peppol BIS 3.0 and EN 16931 rules', () => {
		const { xml } = toUbl(buildInvoiceDocument({ quoteReference: 'Q-2026-0007' }), {
			pdf: new TextEncoder().encode('%PDF-1.7 quote test')
		});
		const result = validator.validate(xml);
		expect([...result.fatal, ...result.warnings].map(formatFinding)).toEqual([]);
	});

	it('would be refused where UBL does not allow it (the validator does check its place)', () => {
		const { xml } = toUbl(buildInvoiceDocument({ quoteReference: 'Q-2026-0007' }));
		const [reference] = REFERENCE.exec(xml) ?? [''];
		const misplaced = xml
			.replace(reference, '')
			.replace('</cac:AccountingCustomerParty>', `</cac:AccountingCustomerParty>${reference}`);
		expect(validator.validate(misplaced).fatal.map((finding) => finding.id)).toContain('XSD');
	});

	it('is absent on an invoice that comes from no quote', () => {
		expect(toUbl(buildInvoiceDocument()).xml).not.toContain('Offerte');
	});

	it('is never made for a quote itself', () => {
		const quote = buildInvoiceDocument({
			type: 'quote',
			number: 'Q-2026-0007',
			paymentReference: undefined
		});
		expect(() => toUbl(quote)).toThrow(UblError);
		expect(() => toUbl(quote)).toThrow(/a quote is not an invoice and has no UBL/);
	});
});
