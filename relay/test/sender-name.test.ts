import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromDisplayName, senderNameProblem, stripAddressLike } from '../src/protocol/index.js';

describe('sender name', () => {
	it('removes address-like text and marks the name as sent through the relay', () => {
		assert.equal(stripAddressLike('PayPal Security <security@paypal.com>'), 'PayPal Security');
		assert.equal(stripAddressLike('Atelier Peeters - info@peeters.example'), 'Atelier Peeters');
		assert.equal(fromDisplayName('Atelier Peeters'), 'Atelier Peeters via Billfold');
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
			assert.notEqual(senderNameProblem(name), undefined, name);
	});

	it('accepts ordinary trading names', () => {
		for (const name of ['Atelier Peeters', 'Peeters & Co. BV', 'Studio J.Peeters', 'Ça Va, SRL'])
			assert.equal(senderNameProblem(name), undefined, name);
	});
});
