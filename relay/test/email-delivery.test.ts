import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailRelay, type MailRelay } from './helpers/delivery-setup.js';
import { call, field } from './helpers/http.js';
import { outboxOf, type Outbox } from './helpers/outbox.js';
import type { PeppolNetwork } from './helpers/peppol-network.js';
import { SAMPLE_PDF, samplePdfAttachment, sendRequest } from './helpers/send-request.js';
import type { SmtpSink } from './helpers/smtp-sink.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { registerWorkspace } from './helpers/workspace.js';

describe('e-mail delivery over SMTP', () => {
	let relay: MailRelay;
	let smtp: SmtpSink;
	let network: PeppolNetwork;
	let t: TestRelay;
	let outbox: Outbox;

	before(async () => {
		relay = await startMailRelay();
		({ smtp, network, t, outbox } = relay);
	});
	after(() => relay.close());

	it('sends from the relay’s no-reply address with Reply-To the seller, the client’s subject and body, and all attachments', async () => {
		const terms = samplePdfAttachment('terms.pdf', 'General terms of sale, version 3');
		const request = sendRequest({
			channel: 'email',
			buyer: { name: 'Private person', country: 'BE', isBusiness: false },
			attachments: [terms],
			email: {
				to: ['buyer@example.test'],
				cc: ['accounting@example.test'],
				replyTo: 'seller@example.test',
				sellerName: 'Seller Studio',
				subject: 'Invoice 2026-0001 from Seller Studio',
				text: 'Dear buyer,\nplease find the invoice attached.'
			}
		});
		const accepted = await outbox.post(request);
		assert.equal(accepted.status, 202, accepted.text);
		const jobId = field<string>(accepted.body, 'jobId');
		const [mail] = await smtp.waitForMessages(1);
		assert.ok(mail);
		assert.equal(mail.from?.value[0]?.address, 'no-reply@relay.example.test');
		assert.equal(mail.from?.value[0]?.name, 'Seller Studio via Billfold');
		assert.equal(mail.replyTo?.value[0]?.name, 'Seller Studio');
		assert.equal(mail.replyTo?.value[0]?.address, 'seller@example.test');
		assert.deepEqual(
			(Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a?.value.map((v) => v.address)),
			['buyer@example.test']
		);
		assert.equal(mail.subject, 'Invoice 2026-0001 from Seller Studio');
		assert.equal(mail.text?.trim(), 'Dear buyer,\nplease find the invoice attached.');
		assert.match(String(mail.html), /<p>Dear buyer,<br>\s*please find the invoice attached\.<\/p>/);
		assert.equal(mail.messageId, `<${jobId}@relay.example.test>`);
		assert.deepEqual(smtp.envelopes[0]?.to.sort(), [
			'accounting@example.test',
			'buyer@example.test'
		]);

		const files = mail.attachments.map((a) => [a.filename, a.contentType]);
		assert.deepEqual(files, [
			['2026-0001.pdf', 'application/pdf'],
			['2026-0001.xml', 'application/xml'],
			['terms.pdf', 'application/pdf']
		]);
		assert.deepEqual(mail.attachments[0]?.content, SAMPLE_PDF);
		assert.match(
			mail.attachments[1]?.content.toString('utf8') ?? '',
			/<cbc:ID>2026-0001<\/cbc:ID>/
		);
		assert.deepEqual(mail.attachments[2]?.content, Buffer.from(terms.contentBase64, 'base64'));

		const sent = await outbox.reaches(jobId, 'sent');
		assert.equal(sent.channel, 'email');
		assert.deepEqual(sent.warnings, []);
		const status = await outbox.status(jobId);
		assert.equal(field(status.body, 'status'), 'sent');
		assert.equal(field(status.body, 'channel'), 'email');
		assert.equal(field(status.body, 'attempts'), 1);
	});

	it('shows the seller’s name marked "via Billfold" as sender, with address-like text removed', async () => {
		const request = sendRequest({
			channel: 'email',
			buyer: { name: 'Private person', country: 'BE', isBusiness: false },
			email: {
				to: ['victim@example.test'],
				replyTo: 'seller@example.test',
				sellerName: 'PayPal Security <security@paypal.com>',
				subject: 'Your account',
				text: 'Click <a href="https://evil.example/">here</a> & log in.'
			}
		});
		const before = smtp.messages.length;
		const accepted = await outbox.post(request);
		assert.equal(accepted.status, 202, accepted.text);
		const messages = await smtp.waitForMessages(before + 1);
		const mail = messages[before];
		assert.ok(mail);
		assert.equal(mail.from?.value.length, 1);
		assert.equal(mail.from?.value[0]?.name, 'PayPal Security via Billfold');
		assert.equal(mail.from?.value[0]?.address, 'no-reply@relay.example.test');
		assert.doesNotMatch(mail.from?.text ?? '', /paypal\.com/i);
		assert.equal(mail.replyTo?.value[0]?.name, 'PayPal Security');
		// The HTML part is the text, escaped by the relay: no link reaches the receiver as markup.
		assert.doesNotMatch(String(mail.html), /<a\b/i);
		assert.match(
			String(mail.html),
			/Click &lt;a href=&quot;https:\/\/evil\.example\/&quot;&gt;here&lt;\/a&gt; &amp; log in\./
		);
	});

	it('e-mails a Belgian VAT-registered buyer who is not on Peppol, and records the compliance warning', async () => {
		const request = sendRequest({
			buyer: {
				name: 'Buyer BV',
				country: 'BE',
				isBusiness: true,
				vatNumber: 'BE0202239951',
				enterpriseNumber: '0202239951'
			}
		});
		const jobId = await outbox.accept(request);
		const sent = await t.waitForJob(
			(job) => job.id === jobId && job.status !== 'queued' && job.status !== 'sending'
		);
		assert.equal(sent.status, 'sent');
		assert.equal(sent.channel, 'email');
		assert.deepEqual(
			sent.warnings.map((w) => w.code),
			['be-b2b-not-on-peppol']
		);
		// Both Belgian identifiers were looked up in the SML, 0208 first.
		assert.ok(network.dnsQueries.length >= 2);
		const status = await outbox.status(jobId);
		assert.match(field<string>(status.body, 'warnings', 0, 'message'), /not a valid B2B invoice/);
	});
});

describe('preview outbox without SMTP', () => {
	it('writes .eml files to the data directory, lists them and serves each one', async () => {
		const t = await startTestRelay();
		try {
			const device = await registerWorkspace(t.url);
			const outbox = outboxOf(t, device);
			const request = sendRequest({ channel: 'email' });
			const jobId = await outbox.accept(request);
			await outbox.reaches(jobId, 'sent');
			const list = await outbox.previews();
			assert.equal(field(list.body, 'mode'), 'preview');
			const previews = field<
				{ jobId: string; subject: string; downloadPath: string; to: string[] }[]
			>(list.body, 'previews');
			assert.equal(previews.length, 1);
			assert.equal(previews[0]?.jobId, jobId);
			assert.equal(previews[0]?.subject, 'Invoice 2026-0001');
			assert.deepEqual(previews[0]?.to, ['buyer@example.test']);
			const eml = await call(t.url, 'GET', previews[0]?.downloadPath ?? '', {
				token: device.deviceToken
			});
			assert.equal(eml.status, 200);
			assert.equal(eml.headers.get('content-type'), 'message/rfc822');
			assert.match(eml.text, /^Subject: Invoice 2026-0001\r$/m);
			assert.match(eml.text, /^Reply-To: Seller Studio <seller@example\.test>\r$/m);
			assert.match(eml.text, /filename=2026-0001\.pdf/);
		} finally {
			await t.close();
		}
	});
});
