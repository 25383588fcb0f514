import { describe, expect, it } from 'vitest';
import { defaultVatCodes } from '$lib/vat';
import { blankItemValues, checkItemValues, defaultVatCodeId, parseUnitPrice } from './item-form';

describe('item values', () => {
	it('reads prices the way people type them and refuses the rest', () => {
		expect(parseUnitPrice('12,50', 'nl')).toBe('12.5');
		expect(parseUnitPrice('1.234,5', 'nl')).toBe('1234.5');
		expect(parseUnitPrice('12.50', 'en')).toBe('12.5');
		expect(parseUnitPrice('0.123456789', 'en')).toBeUndefined();
		expect(parseUnitPrice('-5', 'en')).toBeUndefined();
		expect(parseUnitPrice('abc', 'en')).toBeUndefined();
	});

	it('needs a price, unit and known VAT code for a priced item but none for a text item', () => {
		const values = { ...blankItemValues('S21'), name: 'Consultancy' };
		expect(checkItemValues(values, 'en', defaultVatCodes)).toEqual({ unitPrice: 'unitPrice' });
		expect(
			checkItemValues({ ...values, unitPrice: '85', vatCodeId: 'NOPE' }, 'en', defaultVatCodes)
		).toEqual({ vatCodeId: 'vatCode' });
		expect(checkItemValues({ ...values, kind: 'text' }, 'en', defaultVatCodes)).toEqual({});
		expect(checkItemValues({ ...values, name: ' ' }, 'en', defaultVatCodes).name).toBe(
			'nameRequired'
		);
	});

	it('starts new items on the small-business code for an exempt seller', () => {
		expect(defaultVatCodeId(defaultVatCodes, false)).toBe('S21');
		expect(defaultVatCodeId(defaultVatCodes, true)).toBe('E-SMALL-BUSINESS');
	});
});
