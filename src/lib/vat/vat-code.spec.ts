import { describe, expect, it } from 'vitest';
import { defaultVatCodes, DEFAULT_VAT_CODE_IDS, CO_CONTRACTOR_MENTION } from './default-vat-codes';
import { vatCodeSchema } from './vat-code';

describe('default VAT codes', () => {
	it('are all valid data under the schema that user-edited codes must pass', () => {
		for (const code of defaultVatCodes) expect(vatCodeSchema.parse(code)).toEqual(code);
	});

	it('cover every code Billfold promises, with unique ids', () => {
		const ids = defaultVatCodes.map((code) => code.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.sort()).toEqual(Object.values(DEFAULT_VAT_CODE_IDS).sort());
		const summary = Object.fromEntries(
			defaultVatCodes.map((code) => [code.id, `${code.category}/${code.rate}/${code.vatex ?? '-'}`])
		);
		expect(summary).toEqual({
			S21: 'S/21/-',
			S12: 'S/12/-',
			S6: 'S/6/-',
			Z0: 'Z/0/-',
			'E-SMALL-BUSINESS': 'E/0/-',
			'AE-CO-CONTRACTOR': 'AE/0/VATEX-EU-AE',
			'AE-EU-SERVICES': 'AE/0/VATEX-EU-AE',
			'K-EU-GOODS': 'K/0/VATEX-EU-IC',
			'G-EXPORT': 'G/0/VATEX-EU-G',
			'O-OUTSIDE-SCOPE': 'O/0/VATEX-EU-O',
			'E-ART44': 'E/0/VATEX-EU-132'
		});
	});

	it('carry the full co-contractor text mandated since 2023 in Dutch and French', () => {
		const code = defaultVatCodes.find((c) => c.id === 'AE-CO-CONTRACTOR');
		expect(code?.mention).toBe(CO_CONTRACTOR_MENTION);
		expect(CO_CONTRACTOR_MENTION.nl).toMatch(
			/^Verlegging van heffing\. Bij gebrek aan schriftelijke betwisting binnen een termijn van één maand/
		);
		expect(CO_CONTRACTOR_MENTION.nl).toMatch(
			/verschuldigde belasting, interesten en geldboeten\.$/
		);
		expect(CO_CONTRACTOR_MENTION.fr).toMatch(
			/^Autoliquidation\. En l'absence de contestation par écrit/
		);
	});

	it('give the small-business code its mandatory mention and no VATEX code', () => {
		const code = defaultVatCodes.find((c) => c.smallBusinessScheme);
		expect(code?.mention?.nl).toBe('Bijzondere vrijstellingsregeling kleine ondernemingen');
		expect(code?.mention?.fr).toBe('Régime particulier de franchise des petites entreprises');
		expect(code?.vatex).toBeUndefined();
	});
});

describe('vatCodeSchema', () => {
	const base = { id: 'x', label: { nl: 'x', fr: 'x', en: 'x', de: 'x' } };

	it('accepts a user-added rate', () => {
		expect(vatCodeSchema.safeParse({ ...base, rate: '5.5', category: 'S' }).success).toBe(true);
	});

	it('reports each rule broken by a code, with its path', () => {
		const result = vatCodeSchema.safeParse({
			...base,
			rate: '0',
			category: 'S',
			vatex: 'VATEX-EU-AE'
		});
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
			'rate',
			'vatex'
		]);
		const exempt = vatCodeSchema.safeParse({ ...base, rate: '6', category: 'E' });
		expect(exempt.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
			'exemptionReason',
			'rate'
		]);
	});
});
