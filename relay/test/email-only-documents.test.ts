import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailRelay, type MailRelay } from './helpers/delivery-setup.js';
import { field, type CallResult } from './helpers/http.js';
import type { Outbox } from './helpers/outbox.js';
import { SAMPLE_PDF, sendRequest } from './helpers/send-request.js';
import type { SmtpSink } from './helpers/smtp-sink.js';

const fieldsOf = (result: CallResult) =>
	field<{ path: string; message: string }[]>(result.body, 'error', 'fields');

/** A quote or reminder as the app sends it: its PDF, by e-mail, and no UBL. */
function emailOnly(
	documentType: 'quote' | 'reminder',
	number: string,
	overrides: Record<string, unknown> = {}
) {
	const { ubl: _ubl, ...request } = sendRequest({ invoiceNumber: number, channel: 'email' });
	return {
		...request,
		documentType,
		pdf: { fileName: `${number}.pdf`, contentBase64: SAMPLE_PDF.toString('base64') },
		attachments: [],
		...overrides
	};
}

describe('quotes and reminders: e-mail only, a PDF and no UBL', () => {
	let relay: MailRelay;
	let smtp: SmtpSink;
	let outbox: Outbox;
	before(async () => {
		relay = await startMailRelay();
		({ smtp, outbox } = relay);
	});
	after(() => relay.close());

	for (const [documentType, number] of [
		['quote', 'Q-2026-0001'],
		['reminder', 'R-2026-0001']
	] as const) {
		it(`e-mails a ${documentType} with its PDF only, to a Belgian business without the Peppol warning`, async () => {
			const before = smtp.messages.length;
			const accepted = await outbox.post(emailOnly(documentType, number));
			assert.equal(accepted.status, 202, accepted.text);
			const jobId = field<string>(accepted.body, 'jobId');
			const sent = await outbox.reaches(jobId, 'sent');
			assert.equal(sent.channel, 'email');
			assert.equal(sent.documentType, documentType);
			// The buyer is a Belgian VAT-registered business: for an invoice that earns a warning,
			// for a quote or reminder e-mail is the right channel.
			assert.deepEqual(sent.warnings, []);
			const message = (await smtp.waitForMessages(before + 1))[before];
			assert.deepEqual(
				message?.attachments.map((a) => [a.filename, a.contentType]),
				[[`${number}.pdf`, 'application/pdf']]
			);
			const status = await outbox.status(jobId);
			assert.equal(field(status.body, 'documentType'), documentType);
		});
	}

	it('refuses a UBL on a quote, and any channel but e-mail, naming the field and the rule', async () => {
		const withUbl = emailOnly('quote', 'Q-2026-0002', {
			ubl: sendRequest({ invoiceNumber: 'Q-2026-0002' })['ubl']
		});
		const refused = await outbox.post(withUbl);
		assert.equal(refused.status, 400, refused.text);
		assert.deepEqual(fieldsOf(refused), [{ path: 'ubl', message: 'is not accepted for a quote' }]);

		const auto = await outbox.post(emailOnly('reminder', 'R-2026-0002', { channel: 'auto' }));
		assert.equal(auto.status, 400, auto.text);
		assert.deepEqual(fieldsOf(auto), [
			{ path: 'channel', message: 'must be "email" for a quote or a reminder' }
		]);
	});

	it('still requires the UBL of an invoice or credit note', async () => {
		const { ubl: _ubl, ...withoutUbl } = sendRequest({ invoiceNumber: '2026-0009' });
		const refused = await outbox.post(withoutUbl);
		assert.equal(refused.status, 400, refused.text);
		assert.deepEqual(fieldsOf(refused), [
			{ path: 'ubl', message: 'is required for an invoice or a credit note' }
		]);
	});
});
