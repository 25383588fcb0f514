import { describe, expect, it } from 'vitest';
import {
	base64DecodedBytes,
	peppolLookupRequestSchema,
	relayPaths,
	sendRequestSchema
} from './index';

const valid = {
	invoiceId: '0190a3c4-0000-7000-8000-000000000004',
	documentType: 'invoice',
	invoiceNumber: '2026-0001',
	buyer: { name: 'Buyer', country: 'BE', isBusiness: true, vatNumber: 'BE0123456749' },
	ubl: { fileName: '2026-0001.xml', xml: '<?xml version="1.0"?><Invoice xmlns="urn:x"></Invoice>' },
	pdf: { fileName: '2026-0001.pdf', contentBase64: 'JVBERg==' }
};

describe('protocol', () => {
	it('fills channel and attachments defaults on a send request', () => {
		const parsed = sendRequestSchema.parse(valid);
		expect(parsed.channel).toBe('auto');
		expect(parsed.attachments).toEqual([]);
	});

	it('names the failing fields of a bad send request', () => {
		const result = sendRequestSchema.safeParse({
			...valid,
			channel: 'email',
			ubl: { fileName: 'a/b', xml: '<Order/>' }
		});
		expect(result.success).toBe(false);
		const paths = result.error?.issues.map((i) => i.path.join('.'));
		expect(paths).toEqual(expect.arrayContaining(['email', 'ubl.fileName', 'ubl.xml']));
	});

	it('needs at least one identifier for a Peppol lookup', () => {
		expect(peppolLookupRequestSchema.safeParse({ buyer: { country: 'BE' } }).success).toBe(false);
		expect(
			peppolLookupRequestSchema.parse({ buyer: { country: 'BE', enterpriseNumber: '0123456749' } })
				.documentType
		).toBe('invoice');
	});

	it('computes decoded base64 sizes and encodes path segments', () => {
		expect(base64DecodedBytes('JVBERg==')).toBe(4);
		expect(base64DecodedBytes('AAAA')).toBe(3);
		expect(relayPaths.issue('w', 'INV 2026/1')).toBe(
			'/api/v1/workspaces/w/series/INV%202026%2F1/issue'
		);
	});
});
