import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { published, splitAddress } from '../src/company-lookup/split-address.js';
import { createViesClient } from '../src/company-lookup/vies-client.js';

describe('splitting a register address', () => {
	it('splits a Belgian "street\\npostal code city" address, keeping boxes and bilingual names', () => {
		assert.deepEqual(splitAddress('Kunstlaan 56\n1000 Brussel', 'BE'), {
			street: 'Kunstlaan 56',
			postalCode: '1000',
			city: 'Brussel'
		});
		assert.deepEqual(splitAddress('  Rue  Haute 3 bte 2 \n\n1000   Bruxelles - Brussel\n', 'BE'), {
			street: 'Rue Haute 3 bte 2',
			postalCode: '1000',
			city: 'Bruxelles - Brussel'
		});
		assert.deepEqual(splitAddress('Markt 1\r\nB-8000 Brugge', 'BE')?.postalCode, '8000');
	});

	it('keeps HTML and XML special characters exactly as the register wrote them', () => {
		const raw = `Rue "L'Étoile" <bis> & Co 5\n4000 Liège & Ans`;
		assert.deepEqual(splitAddress(raw, 'BE'), {
			street: `Rue "L'Étoile" <bis> & Co 5`,
			postalCode: '4000',
			city: 'Liège & Ans'
		});
		assert.deepEqual(
			splitAddress('Straat &amp; Zn 1\n1000 Brussel', 'BE')?.street,
			'Straat &amp; Zn 1'
		);
	});

	it('joins several street lines, and splits postal codes of other member states', () => {
		assert.deepEqual(splitAddress('Gebouw B\nDamrak 1\n1012 LG Amsterdam', 'NL'), {
			street: 'Gebouw B, Damrak 1',
			postalCode: '1012 LG',
			city: 'Amsterdam'
		});
		assert.deepEqual(splitAddress('VIA NAZIONALE 91 \n00184 ROMA RM\n', 'IT'), {
			street: 'VIA NAZIONALE 91',
			postalCode: '00184',
			city: 'ROMA RM'
		});
		assert.equal(splitAddress('ul. Prosta 1\n00-838 Warszawa', 'PL')?.postalCode, '00-838');
		assert.equal(splitAddress('Na Příkopě 1\n110 00 Praha 1', 'CZ')?.city, 'Praha 1');
	});

	it('leaves an address whole when it does not split reliably', () => {
		assert.equal(splitAddress('Kunstlaan 56 1000 Brussel', 'BE'), undefined, 'one line');
		assert.equal(splitAddress('Kunstlaan 56\nBrussel', 'BE'), undefined, 'no postal code');
		assert.equal(splitAddress('Kunstlaan 56\n10000 Brussel', 'BE'), undefined, 'five digits in BE');
		assert.equal(splitAddress('Main Street 1\nDublin 2\nD02 X285', 'IE'), undefined, 'Eircode');
		assert.equal(splitAddress('Kunstlaan 56\n1000 2000', 'BE'), undefined, 'no city');
	});

	it('reads "---" and blanks as not published', () => {
		assert.equal(published('---'), null);
		assert.equal(published('  '), null);
		assert.equal(published(undefined), null);
		assert.equal(published(' A & B <C> '), 'A & B <C>');
	});
});

describe('reading a VIES answer', () => {
	const client = (status: number, body: string) =>
		createViesClient({
			baseUrl: 'https://vies.test/rest-api/',
			get: async (url) => {
				assert.equal(url, 'https://vies.test/rest-api/ms/BE/vat/0417497106');
				return { kind: 'response', status, body };
			}
		});

	it('takes the name and address as VIES sends them, ignoring fields it does not need', async () => {
		const body = JSON.stringify({
			isValid: true,
			requestDate: '2026-12-06T09:00:00.000Z',
			userError: 'VALID',
			name: 'A &amp; B <NV>',
			address: 'Kerkstraat 1\n9000 Gent',
			viesApproximate: { name: '---', matchName: 3 }
		});
		assert.deepEqual(await client(200, body).check('BE', '0417497106'), {
			kind: 'checked',
			valid: true,
			name: 'A &amp; B <NV>',
			address: 'Kerkstraat 1\n9000 Gent'
		});
	});

	it('names an unknown VIES code, and a 5xx without a body, as unavailable', async () => {
		const unknown = JSON.stringify({
			actionSucceed: false,
			errorWrappers: [{ error: 'NEW_CODE' }]
		});
		assert.equal((await client(500, unknown).check('BE', '0417497106')).kind, 'failed');
		assert.deepEqual(await client(503, '').check('BE', '0417497106'), {
			kind: 'failed',
			code: 'vies-unavailable',
			viesError: null,
			reason: 'VIES answered HTTP 503'
		});
	});
});
