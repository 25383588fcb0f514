// Proves the validation harness itself can fail: a green run means nothing if broken documents pass too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIT_ROOT, formatFinding, validateUbl } from 'peppol-bis3-validator-kit';

const sample = (name: string) => readFileSync(join(KIT_ROOT, 'samples', name), 'utf8');
const fatalIds = (xml: string) => validateUbl(xml).fatal.map((finding) => finding.id);

describe('Peppol BIS 3 validation harness', () => {
	it('accepts the kit’s valid Belgian invoice and credit note', () => {
		for (const name of ['be-sole-trader-invoice.xml', 'be-sole-trader-creditnote.xml']) {
			expect(validateUbl(sample(name)).fatal.map(formatFinding)).toEqual([]);
		}
	});

	it('rejects documents that break a business rule, a Peppol rule or the XSD', () => {
		expect(fatalIds(sample('broken-payable-total.xml'))).toContain('BR-CO-16');
		expect(fatalIds(sample('broken-no-seller-vat.xml'))).toContain('BR-S-02');
		expect(fatalIds(sample('broken-be-kbo-checkdigit.xml'))).toContain('PEPPOL-COMMON-R043');
		expect(fatalIds(sample('broken-xsd-order.xml'))).toContain('XSD');
	});

	it('reports XML that is not well-formed instead of throwing', () => {
		const result = validateUbl('<Invoice><cbc:ID>1</Invoice>');
		expect(result.wellFormed).toBe(false);
		expect(result.fatal.map((finding) => finding.id)).toEqual(['XML-WELLFORMED']);
	});
});
