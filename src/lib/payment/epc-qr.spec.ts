import { describe, expect, it } from 'vitest';
import { epcQrPayload } from './epc-qr';

const base = { name: 'Jan Peeters', iban: 'BE68 5390 0754 7034', bic: 'GEBABEBB' };

describe('EPC069-12 QR payload', () => {
	it('reproduces the domain-belgium.md §7.2 vector with the OGM in the structured element', () => {
		expect(
			epcQrPayload({ ...base, amountCents: 120580, structuredReference: '+++123/4567/89002+++' })
		).toBe(
			[
				'BCD',
				'002',
				'1',
				'SCT',
				'GEBABEBB',
				'Jan Peeters',
				'BE68539007547034',
				'EUR1205.80',
				'',
				'123456789002'
			].join('\n')
		);
	});

	it('keeps the empty structured-reference line when the text element is used', () => {
		expect(epcQrPayload({ ...base, amountCents: 120580, text: '+++123/4567/89002+++' })).toBe(
			'BCD\n002\n1\nSCT\nGEBABEBB\nJan Peeters\nBE68539007547034\nEUR1205.80\n\n\n+++123/4567/89002+++'
		);
	});

	it('leaves out BIC and amount when absent (version 002) and stops after the last used element', () => {
		expect(epcQrPayload({ name: 'Jan Peeters', iban: 'BE68539007547034' })).toBe(
			'BCD\n002\n1\nSCT\n\nJan Peeters\nBE68539007547034'
		);
	});

	it('accepts an ISO 11649 RF reference', () => {
		expect(
			epcQrPayload({ ...base, amountCents: 1, structuredReference: 'RF18539007547034' }).split('\n')
		).toEqual([
			'BCD',
			'002',
			'1',
			'SCT',
			'GEBABEBB',
			'Jan Peeters',
			'BE68539007547034',
			'EUR0.01',
			'',
			'RF18539007547034'
		]);
	});

	it('names the field that breaks a rule', () => {
		expect(() => epcQrPayload({ ...base, iban: 'BE68539007547035' })).toThrow(/^iban:/);
		expect(() => epcQrPayload({ ...base, bic: 'GEBA' })).toThrow(/^bic:/);
		expect(() => epcQrPayload({ ...base, amountCents: 0 })).toThrow(/^amountCents:/);
		expect(() => epcQrPayload({ ...base, amountCents: 100_000_000_000 })).toThrow(/^amountCents:/);
		expect(() => epcQrPayload({ ...base, structuredReference: '123456789003' })).toThrow(
			/^structuredReference:/
		);
		expect(() => epcQrPayload({ ...base, structuredReference: '123456789002', text: 'x' })).toThrow(
			/^text:/
		);
		expect(() => epcQrPayload({ ...base, name: 'x'.repeat(71) })).toThrow(/^name:/);
		expect(() =>
			epcQrPayload({ ...base, text: 'é'.repeat(140), information: 'ü'.repeat(70) })
		).toThrow(/^payload:/);
	});
});
