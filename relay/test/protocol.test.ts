import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	EU_MEMBER_STATES,
	VIES_COUNTRY_CODES,
	base64DecodedBytes,
	countryOfViesPrefix,
	peppolLookupRequestSchema,
	relayPaths,
	sendRequestSchema
} from '../src/protocol/index.js';

const valid = {
	invoiceId: '0190a3c4-0000-7000-8000-000000000004',
	documentType: 'invoice',
	invoiceNumber: '2026-0001',
	buyer: { name: 'Buyer', country: 'BE', isBusiness: true, vatNumber: 'BE0123456749' },
	ubl: { fileName: '2026-0001.xml', xml: '<?xml version="1.0"?><Invoice xmlns="urn:x"></Invoice>' },
	pdf: { fileName: '2026-0001.pdf', contentBase64: 'JVBERg==' }
};

describe('protocol', () => {
	it('derives the 27 EU member states (ISO codes) from the VIES prefixes', () => {
		assert.equal(countryOfViesPrefix('EL'), 'GR');
		assert.equal(countryOfViesPrefix('XI'), 'GB');
		assert.equal(countryOfViesPrefix('BE'), 'BE');
		assert.equal(EU_MEMBER_STATES.size, 27);
		assert.ok(EU_MEMBER_STATES.has('GR'));
		assert.ok(!EU_MEMBER_STATES.has('EL'), 'Greece is GR in ISO 3166');
		assert.ok(!EU_MEMBER_STATES.has('XI') && !EU_MEMBER_STATES.has('GB'), 'not a member state');
		for (const prefix of VIES_COUNTRY_CODES.filter((code) => code !== 'EL' && code !== 'XI'))
			assert.ok(EU_MEMBER_STATES.has(prefix), `${prefix} is a member state under its own code`);
	});

	it('fills channel and attachments defaults on a send request', () => {
		const parsed = sendRequestSchema.parse(valid);
		assert.equal(parsed.channel, 'auto');
		assert.deepEqual(parsed.attachments, []);
	});

	it('names the failing fields of a bad send request', () => {
		const result = sendRequestSchema.safeParse({
			...valid,
			channel: 'email',
			ubl: { fileName: 'a/b', xml: '<Order/>' }
		});
		assert.equal(result.success, false);
		const paths = result.error?.issues.map((i) => i.path.join('.')) ?? [];
		for (const path of ['email', 'ubl.fileName', 'ubl.xml']) assert.ok(paths.includes(path), path);
	});

	it('needs at least one identifier for a Peppol lookup', () => {
		assert.equal(peppolLookupRequestSchema.safeParse({ buyer: { country: 'BE' } }).success, false);
		assert.equal(
			peppolLookupRequestSchema.parse({ buyer: { country: 'BE', enterpriseNumber: '0123456749' } })
				.documentType,
			'invoice'
		);
	});

	it('computes decoded base64 sizes and encodes path segments', () => {
		assert.equal(base64DecodedBytes('JVBERg=='), 4);
		assert.equal(base64DecodedBytes('AAAA'), 3);
		assert.equal(
			relayPaths.issue('w', 'INV 2026/1'),
			'/api/v1/workspaces/w/series/INV%202026%2F1/issue'
		);
	});
});
