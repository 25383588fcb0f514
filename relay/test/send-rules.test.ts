import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, field, type CallResult } from './helpers/http.js';
import { sampleUbl, sendRequest } from './helpers/send-request.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

type Body = Record<string, unknown>;

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0), Buffer.from('PE\0\0')]);

const attachment = (fileName: string, mimeType: string, bytes: Buffer) => ({
	fileName,
	mimeType,
	contentBase64: bytes.toString('base64')
});

function withEmail(overrides: Body): Body {
	const request = sendRequest({ channel: 'email' });
	request['email'] = { ...(request['email'] as Body), ...overrides };
	return request;
}

function withUbl(xml: string, overrides: Body = {}): Body {
	const request = { ...sendRequest({ channel: 'email' }), ...overrides };
	request['ubl'] = { fileName: 'invoice.xml', xml };
	return request;
}

const fieldsOf = (result: CallResult) =>
	field<{ path: string; message: string }[]>(result.body, 'error', 'fields');

describe('send rules: only what an invoice needs', () => {
	let t: TestRelay;
	let device: DeviceCredentials;
	let outbox: string;

	before(async () => {
		t = await startTestRelay();
		device = await registerWorkspace(t.url);
		outbox = `/api/v1/workspaces/${device.workspaceId}/outbox`;
	});
	after(() => t.close());

	const post = (json: Body) => call(t.url, 'POST', outbox, { token: device.deviceToken, json });

	/** Every refusal leaves the outbox as it was. */
	async function refused(json: Body, status: number, path: string): Promise<string> {
		const jobsBefore = field<unknown[]>(
			(await call(t.url, 'GET', outbox, { token: device.deviceToken })).body,
			'jobs'
		).length;
		const result = await post(json);
		assert.equal(result.status, status, result.text);
		const entry = fieldsOf(result).find((f) => f.path === path);
		assert.ok(entry, `expected a field error at ${path}, got ${result.text}`);
		const jobsAfter = field<unknown[]>(
			(await call(t.url, 'GET', outbox, { token: device.deviceToken })).body,
			'jobs'
		).length;
		assert.equal(jobsAfter, jobsBefore);
		return entry.message;
	}

	it('refuses a From name that still looks like an address, or could be read as a header', async () => {
		for (const sellerName of [
			'security@paypal.com',
			'<security@paypal.com>',
			'paypal.com',
			'Support PayPal.COM',
			'https://paypal.com/login',
			'=?utf-8?B?UGF5UGFsIDxzZWN1cml0eUBwYXlwYWwuY29tPg==?=',
			'PayPal "Security"',
			'Atelier\u202eevil',
			'Atelier\u2028Bcc: victim@example.test'
		]) {
			const message = await refused(withEmail({ sellerName }), 400, 'email.sellerName');
			assert.match(message, /must/, sellerName);
		}
	});

	it('accepts an ordinary trading name', async () => {
		for (const sellerName of [
			'Atelier Peeters',
			'Peeters & Co. BV',
			'Studio J.Peeters',
			'Ça Va, SRL'
		]) {
			const result = await post(withEmail({ sellerName }));
			assert.equal(result.status, 202, `${sellerName}: ${result.text}`);
		}
	});

	it('refuses header injection in every header field', async () => {
		await refused(withEmail({ subject: 'Hi\r\nBcc: victim@example.test' }), 400, 'email.subject');
		await refused(withEmail({ subject: 'Hi\u0085Bcc: victim@example.test' }), 400, 'email.subject');
		await refused(
			withEmail({ replyTo: 'a@example.test\r\nBcc: v@example.test' }),
			400,
			'email.replyTo'
		);
		await refused(withEmail({ to: ['a@example.test\nBcc: v@example.test'] }), 400, 'email.to.0');
	});

	it('sends to at most 3 addresses, to and cc together', async () => {
		await refused(
			withEmail({ to: ['a@example.test', 'b@example.test', 'c@example.test', 'd@example.test'] }),
			400,
			'email.to'
		);
		await refused(
			withEmail({
				to: ['a@example.test', 'b@example.test'],
				cc: ['c@example.test', 'd@example.test']
			}),
			400,
			'email.cc'
		);
		const three = await post(
			withEmail({ to: ['a@example.test', 'b@example.test'], cc: ['c@example.test'] })
		);
		assert.equal(three.status, 202, three.text);
	});

	it('takes no HTML from the client: the relay builds it from the text', async () => {
		const message = await refused(
			withEmail({ html: '<form action="https://evil.example">Password: <input></form>' }),
			400,
			'email.html'
		);
		assert.match(message, /builds the HTML/);
	});

	it('attaches only the types Billfold offers, judged by name, declared type and content', async () => {
		const type = await refused(
			sendRequest({ attachments: [attachment('setup.exe', 'application/x-msdownload', EXE)] }),
			400,
			'attachments.0.mimeType'
		);
		assert.match(type, /PDF, Word, Excel, JPEG or PNG/);
		await refused(
			sendRequest({ attachments: [attachment('page.html', 'text/html', Buffer.from('<script>'))] }),
			400,
			'attachments.0.mimeType'
		);
		// A program dressed as a PDF by its declared type: the name gives it away.
		await refused(
			sendRequest({ attachments: [attachment('invoice.pdf.exe', 'application/pdf', EXE)] }),
			400,
			'attachments.0.fileName'
		);
		// Name and type say PNG, the bytes are a Windows program.
		const content = await refused(
			sendRequest({ attachments: [attachment('logo.png', 'image/png', EXE)] }),
			400,
			'attachments.0.contentBase64'
		);
		assert.match(content, /not a image\/png file/);
		// A ZIP that is not an Office document is no .docx.
		const zip = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.from('evil.exe')]);
		await refused(
			sendRequest({
				attachments: [
					attachment(
						'offer.docx',
						'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
						zip
					)
				]
			}),
			400,
			'attachments.0.contentBase64'
		);
		// The invoice PDF itself must be a PDF.
		const notPdf = sendRequest();
		notPdf['pdf'] = { fileName: 'invoice.pdf', contentBase64: EXE.toString('base64') };
		await refused(notPdf, 400, 'pdf.contentBase64');

		const png = await post(
			sendRequest({ attachments: [attachment('Logo.PNG', 'image/png', PNG)] })
		);
		assert.equal(png.status, 202, png.text);
	});

	it('sends only a UBL that parses as the invoice the request names', async () => {
		const wrongId = await refused(
			withUbl(sampleUbl('2026-9999'), { invoiceNumber: '2026-0001' }),
			400,
			'ubl.xml'
		);
		assert.match(wrongId, /cbc:ID "2026-9999"/);
		await refused(withUbl(sampleUbl('2026-0001', undefined, 'CreditNote')), 400, 'ubl.xml');
		await refused(
			withUbl(sampleUbl('2026-0001').replace('</cbc:ID>', '</cbc:ID><cbc:ID>2026-0002</cbc:ID>')),
			400,
			'ubl.xml'
		);
		await refused(
			withUbl(
				'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>2026-0001</ID></Invoice>'
			),
			400,
			'ubl.xml'
		);
		await refused(withUbl('<Invoice xmlns="urn:example"><unclosed></Invoice>'), 400, 'ubl.xml');
	});

	it('refuses hostile XML (external entities, entity expansion) with a 400 and no parsing', async () => {
		const xxe = `<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>&xxe;</cbc:ID></Invoice>`;
		assert.match(await refused(withUbl(xxe), 400, 'ubl.xml'), /DTD|UBL Invoice/);
		const laughs = [
			'<!ENTITY a "lol">',
			...Array.from({ length: 9 }, (_, i) => {
				const previous = String.fromCharCode(97 + i);
				return `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${previous};`.repeat(10)}">`;
			})
		].join('');
		const bomb = `<?xml version="1.0"?><!DOCTYPE Invoice [${laughs}]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&j;</ID></Invoice>`;
		await refused(withUbl(bomb), 400, 'ubl.xml');
		// The DTD after the root's start cannot hide either.
		const inner = sampleUbl('2026-0001').replace(
			'<cbc:CustomizationID>',
			'<!DOCTYPE x [<!ENTITY e "boom">]><cbc:CustomizationID>'
		);
		assert.match(await refused(withUbl(inner), 400, 'ubl.xml'), /DTD/);
	});

	it('caps the UBL at its own size (8 MiB by default) with a 413 naming it', async () => {
		const padding = `<!-- ${'x'.repeat(8 * 1024 * 1024)} -->`;
		const big = sampleUbl('2026-0001').replace('<cbc:ID>', `${padding}<cbc:ID>`);
		const message = await refused(withUbl(big), 413, 'ubl.xml');
		assert.match(message, /larger than 8388608 bytes/);
	});
});

describe('relay-wide daily send cap', () => {
	it('counts every workspace, so registering another one with the invite does not reset it', async () => {
		const t = await startTestRelay({
			BILLFOLD_SEND_QUOTA_PER_DAY: '5',
			BILLFOLD_SEND_QUOTA_PER_DAY_TOTAL: '3'
		});
		try {
			const first = await registerWorkspace(t.url, 'first');
			const statuses: number[] = [];
			for (let i = 0; i < 3; i++) {
				const result = await call(t.url, 'POST', `/api/v1/workspaces/${first.workspaceId}/outbox`, {
					token: first.deviceToken,
					json: sendRequest({ channel: 'email' })
				});
				statuses.push(result.status);
			}
			assert.deepEqual(statuses, [202, 202, 202]);
			// The same invite token registers a fresh workspace: its own quota is untouched, the
			// relay's is not.
			const second = await registerWorkspace(t.url, 'second');
			const refused = await call(t.url, 'POST', `/api/v1/workspaces/${second.workspaceId}/outbox`, {
				token: second.deviceToken,
				json: sendRequest({ channel: 'email' })
			});
			assert.equal(refused.status, 429, refused.text);
			assert.equal(field(refused.body, 'error', 'code'), 'quota-exceeded');
			assert.match(field<string>(refused.body, 'error', 'message'), /all workspaces/);
			const jobs = await call(t.url, 'GET', `/api/v1/workspaces/${second.workspaceId}/outbox`, {
				token: second.deviceToken
			});
			assert.deepEqual(field(jobs.body, 'jobs'), []);
		} finally {
			await t.close();
		}
	});
});
