import { describe, expect, it } from 'vitest';
import { fromDisplayName, senderNameProblem, stripAddressLike } from './sender-name';

describe('sender name', () => {
	it('removes address-like text and marks the name as sent through the relay', () => {
		expect(stripAddressLike('PayPal Security <security@paypal.com>')).toBe('PayPal Security');
		expect(stripAddressLike('Atelier Peeters - info@peeters.example')).toBe('Atelier Peeters');
		expect(fromDisplayName('Atelier Peeters')).toBe('Atelier Peeters via Billfold');
	});

	it('refuses what still looks like an address or could be read as a header', () => {
		for (const name of [
			'security@paypal.com',
			'paypal.com',
			'Support PAYPAL.COM',
			'https://paypal.com',
			'=?utf-8?B?UGF5UGFs?=',
			'Say "hi"',
			'back\\slash',
			'Atelier\u202eevil',
			'two\nlines'
		])
			expect(senderNameProblem(name), name).toBeDefined();
	});

	it('accepts ordinary trading names', () => {
		for (const name of ['Atelier Peeters', 'Peeters & Co. BV', 'Studio J.Peeters', 'Ça Va, SRL'])
			expect(senderNameProblem(name), name).toBeUndefined();
	});
});
