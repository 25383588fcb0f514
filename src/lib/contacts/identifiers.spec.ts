import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	enterpriseNumberCheckDigits,
	formatEnterpriseNumber,
	isValidEnterpriseNumber,
	normalizeEnterpriseNumber
} from './enterprise-number';
import { belgianVatNumber, formatBelgianVatNumber, isValidVatNumber } from './vat-number';
import { isValidGln, isValidPeppolId, peppolIdCandidates, formatPeppolId } from './peppol-id';

describe('enterprise number', () => {
	it('accepts numbers whose last two digits are 97 − (first eight mod 97)', () => {
		expect(isValidEnterpriseNumber('0123456749')).toBe(true);
		expect(isValidEnterpriseNumber('BE 0417.497.106')).toBe(true);
		expect(isValidEnterpriseNumber('417497106')).toBe(true); // old 9-digit form
		expect(isValidEnterpriseNumber('0123456748')).toBe(false);
		expect(isValidEnterpriseNumber('2123456749')).toBe(false); // first digit 0 or 1
		expect(isValidEnterpriseNumber('01234567')).toBe(false);
	});

	it('uses 97, not 00, when the first eight digits are a multiple of 97', () => {
		expect(enterpriseNumberCheckDigits('00000097')).toBe('97');
		expect(isValidEnterpriseNumber('0000009797')).toBe(true);
		expect(isValidEnterpriseNumber('0000009700')).toBe(false);
	});

	it('normalizes and prints the dotted form', () => {
		expect(normalizeEnterpriseNumber('BE0123.456.749')).toBe('0123456749');
		expect(formatEnterpriseNumber('0123456749')).toBe('0123.456.749');
	});

	it('accepts every number built with its check digits and rejects any other check digits', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 19_999_999 }),
				fc.integer({ min: 1, max: 96 }),
				(base, shift) => {
					const first = String(base).padStart(8, '0');
					const check = enterpriseNumberCheckDigits(first);
					expect(isValidEnterpriseNumber(first + check)).toBe(true);
					const wrong = String(((Number(check) - 1 + shift) % 97) + 1).padStart(2, '0');
					expect(isValidEnterpriseNumber(first + wrong)).toBe(false);
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('VAT number', () => {
	it('validates EU formats and check digits with jsvat', () => {
		expect(isValidVatNumber('BE0417497106')).toBe(true);
		expect(isValidVatNumber('be 0417.497.106')).toBe(true);
		expect(isValidVatNumber('BE0417497107')).toBe(false);
		expect(isValidVatNumber('FR40303265045')).toBe(true);
		expect(isValidVatNumber('DE136695976')).toBe(true);
		expect(isValidVatNumber('NL004495445B01')).toBe(true);
		expect(isValidVatNumber('NL123456789B01')).toBe(false);
		expect(isValidVatNumber('XX123')).toBe(false);
	});

	it('writes the number with or without BE depending on the exemption scheme', () => {
		expect(belgianVatNumber('0123.456.749')).toBe('BE0123456749');
		expect(formatBelgianVatNumber('0123456749', { smallBusinessExemption: false })).toBe(
			'BTW BE 0123.456.749'
		);
		expect(
			formatBelgianVatNumber('0123456749', { smallBusinessExemption: true, label: 'TVA' })
		).toBe('TVA 0123.456.749');
	});
});

describe('Peppol participant ids', () => {
	it('tries 0208 then 9925 for a Belgian business', () => {
		expect(
			peppolIdCandidates({ countryCode: 'BE', vatNumber: 'BE0417497106' }).map(formatPeppolId)
		).toEqual(['0208:0417497106', '9925:BE0417497106']);
		expect(
			peppolIdCandidates({ countryCode: 'BE', enterpriseNumber: '0123.456.749' }).map(
				formatPeppolId
			)
		).toEqual(['0208:0123456749', '9925:BE0123456749']);
	});

	it('uses the national VAT scheme for foreign buyers, after an explicit id', () => {
		const ids = (vatNumber: string, peppolId?: string) =>
			peppolIdCandidates({ countryCode: vatNumber.slice(0, 2), vatNumber, peppolId }).map(
				formatPeppolId
			);
		expect(ids('NL004495445B01')).toEqual(['9944:NL004495445B01']);
		expect(ids('FR40303265045')).toEqual(['9957:FR40303265045']);
		expect(ids('DE136695976', '0204:991-12345-67')).toEqual([
			'0204:991-12345-67',
			'9930:DE136695976'
		]);
		expect(ids('NL123456789B01')).toEqual([]); // invalid VAT numbers give no guess
	});

	it('checks the formats Peppol validates', () => {
		expect(isValidPeppolId('0208:0123456749')).toBe(true);
		expect(isValidPeppolId('0208:0123456748')).toBe(false);
		expect(isValidPeppolId('9925:BE0123456749')).toBe(true);
		expect(isValidPeppolId('9944:NL004495445B01')).toBe(true);
		expect(isValidPeppolId('9944:004495445B01')).toBe(false);
		expect(isValidPeppolId('0088:5410000000005')).toBe(isValidGln('5410000000005'));
		expect(isValidGln('4000001000005')).toBe(true);
		expect(isValidGln('4000001000006')).toBe(false);
		expect(isValidPeppolId('0208 0123456749')).toBe(false);
	});
});
