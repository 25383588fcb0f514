import { describe, expect, it } from 'vitest';
import { sendRequestSchema } from '$protocol';
import { buildInvoiceDocument, buildPrivateBuyer, buildSeller } from '../../../tests/factories';
import { buildSendRequest } from './send-request';

const pdf = {
	fileName: 'Factuur-2026-0001.pdf',
	mimeType: 'application/pdf',
	bytes: new Uint8Array([37, 80, 68, 70])
};
const ubl = {
	fileName: '2026-0001.xml',
	xml: '<?xml version="1.0"?><Invoice xmlns="urn:x"></Invoice>'
};
const mail = { subject: 'Factuur 2026-0001\nvan Peeters', body: 'Beste,\n\nIn bijlage.' };

describe('send request', () => {
	it('is what the relay protocol accepts, e-mail included when the buyer has an address', () => {
		const request = buildSendRequest({
			invoiceId: '01936b2e-0000-7000-8000-000000000001',
			document: buildInvoiceDocument(),
			pdf,
			ubl,
			attachments: [
				{ fileName: 'uren/mei.pdf', mimeType: 'application/pdf', bytes: new Uint8Array(3) }
			],
			mail
		});
		expect(sendRequestSchema.safeParse(request).success).toBe(true);
		expect(request).toMatchObject({
			documentType: 'invoice',
			invoiceNumber: '2026-0001',
			buyer: { country: 'BE', isBusiness: true, peppolId: '0208:0417497106' },
			email: {
				to: ['invoices@acme.example'],
				replyTo: 'jan@peeters.example',
				sellerName: 'Peeters Webdesign',
				subject: 'Factuur 2026-0001 van Peeters'
			}
		});
		expect(request.attachments?.[0]?.fileName).toBe('uren-mei.pdf');
		expect(atob(request.pdf.contentBase64)).toBe('%PDF');
	});

	it('lets the relay choose the channel unless the user chose e-mail explicitly', () => {
		const input = {
			invoiceId: '01936b2e-0000-7000-8000-000000000003',
			document: buildInvoiceDocument(),
			pdf,
			ubl,
			attachments: [],
			mail
		};
		expect(buildSendRequest(input).channel).toBe('auto');
		const chosen = buildSendRequest({ ...input, channel: 'email' });
		expect(chosen.channel).toBe('email');
		expect(sendRequestSchema.safeParse(chosen).success).toBe(true);
	});

	it('leaves the e-mail out when the buyer has no address, and names a credit note', () => {
		const request = buildSendRequest({
			invoiceId: '01936b2e-0000-7000-8000-000000000002',
			document: buildInvoiceDocument({
				type: 'creditNote',
				buyer: buildPrivateBuyer({ email: undefined }),
				billingReference: { number: '2026-0001', issueDate: '2026-05-17', scope: 'full' }
			}),
			pdf,
			ubl,
			attachments: [],
			mail
		});
		expect(request.email).toBeUndefined();
		expect(request.documentType).toBe('credit-note');
		expect(request.buyer.isBusiness).toBe(false);
	});

	it('sends the seller’s name without address-like text, falling back to the legal name', () => {
		const build = (tradingName: string, name = 'Jan Peeters') =>
			buildSendRequest({
				invoiceId: '01936b2e-0000-7000-8000-000000000003',
				document: buildInvoiceDocument({ seller: buildSeller({ tradingName, name }) }),
				pdf,
				ubl,
				attachments: [],
				mail
			});
		expect(build('Atelier "Peeters" <info@peeters.example>').email?.sellerName).toBe(
			'Atelier Peeters'
		);
		expect(build('peeters.be').email?.sellerName).toBe('Jan Peeters');
		expect(sendRequestSchema.safeParse(build('peeters.be')).success).toBe(true);
	});

	it('gives an attachment the extension of its type, so the relay accepts it', () => {
		const request = buildSendRequest({
			invoiceId: '01936b2e-0000-7000-8000-000000000004',
			document: buildInvoiceDocument(),
			pdf,
			ubl,
			attachments: [
				{ fileName: 'scan', mimeType: 'image/png', bytes: new Uint8Array(3) },
				{ fileName: 'Foto.JPEG', mimeType: 'image/jpeg', bytes: new Uint8Array(3) }
			],
			mail
		});
		expect(request.attachments?.map((a) => a.fileName)).toEqual(['scan.png', 'Foto.JPEG']);
		expect(sendRequestSchema.safeParse(request).success).toBe(true);
	});
});
