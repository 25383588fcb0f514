import { describe, expect, it } from 'vitest';
import { DEFAULT_VAT_CODE_IDS as ID, defaultVatCodes } from '$lib/vat';
import { buildInvoiceDocument, buildItemLine, buildSeller } from '../../../tests/factories';
import { separateFloatArtifacts } from './exact-sum-recheck';
import { toUbl } from './to-ubl';

/** A small-business invoice whose exempt lines sum to 30.30: 10.10 + 20.20 in doubles is not 30.3. */
const xml = toUbl(
	buildInvoiceDocument({
		seller: buildSeller({ vatNumber: undefined, smallBusinessExemption: true }),
		cashDiscount: { percent: '2', days: 10 },
		lines: ['10.1', '20.2'].map((price) =>
			buildItemLine({ unitPrice: price, vatCodeId: ID.smallBusiness })
		),
		vatCodes: defaultVatCodes.filter((code) => code.id === ID.smallBusiness)
	})
).xml;

const finding = (id: string) => ({ id, location: '/Invoice[1]/cac:TaxTotal[1]' });

describe('separateFloatArtifacts', () => {
	it('confirms an exact-sum rule in exact decimals and moves it aside', () => {
		expect(10.1 + 20.2).not.toBe(30.3);
		expect(xml).toContain('<cbc:TaxableAmount currencyID="EUR">30.30</cbc:TaxableAmount>');
		expect(separateFloatArtifacts(xml, [finding('BR-E-08')])).toEqual({
			fatal: [],
			floatArtifacts: [finding('BR-E-08')]
		});
	});

	it('keeps the finding when the amounts are really wrong', () => {
		const wrong = xml.replace(
			'<cbc:TaxableAmount currencyID="EUR">30.30</cbc:TaxableAmount>',
			'<cbc:TaxableAmount currencyID="EUR">30.31</cbc:TaxableAmount>'
		);
		expect(wrong).not.toBe(xml);
		expect(separateFloatArtifacts(wrong, [finding('BR-E-08')]).fatal).toEqual([finding('BR-E-08')]);
	});

	it('keeps every other rule and a rule about a category the document lacks', () => {
		const others = [finding('BR-CO-16'), finding('BR-AE-08'), finding('PEPPOL-EN16931-R003')];
		expect(separateFloatArtifacts(xml, others)).toEqual({ fatal: others, floatArtifacts: [] });
	});
});
