import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { field } from './helpers/http.js';
import type { RecommandServer } from './helpers/contract/recommand-server.js';
import {
	REGISTERED_PARTICIPANT,
	startPeppolAccessPoint,
	type PeppolAccessPoint
} from './helpers/delivery-setup.js';
import { outboxOf, type Outbox } from './helpers/outbox.js';
import { peppolEnv, startPeppolNetwork } from './helpers/peppol-network.js';
import { sampleUbl, sendRequest } from './helpers/send-request.js';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { registerWorkspace } from './helpers/workspace.js';

const REGISTERED = {
	name: 'Peppol Buyer NV',
	country: 'BE',
	isBusiness: true,
	vatNumber: 'BE0123456749',
	enterpriseNumber: '0123456749'
};
const UNREGISTERED = {
	name: 'Mail Buyer BV',
	country: 'BE',
	isBusiness: true,
	vatNumber: 'BE0202239951'
};

describe('routing: Peppol when registered, e-mail otherwise', () => {
	let peppol: PeppolAccessPoint;
	let ap: RecommandServer;
	let smtp: SmtpSink;
	let t: TestRelay;
	let outbox: Outbox;

	before(async () => {
		peppol = await startPeppolAccessPoint();
		ap = peppol.ap;
		smtp = await startSmtpSink();
		t = await startTestRelay({
			...peppol.env,
			BILLFOLD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`
		});
		outbox = outboxOf(t, await registerWorkspace(t.url));
	});
	after(async () => {
		await t.close();
		await Promise.all([peppol.close(), smtp.close()]);
	});

	const send = async (request: Record<string, unknown>) => {
		const accepted = await outbox.post(request);
		assert.equal(accepted.status, 202, accepted.text);
		const jobId = field<string>(accepted.body, 'jobId');
		return t.waitForJob(
			(job) => job.id === jobId && (job.status === 'sent' || job.status === 'failed')
		);
	};

	it('delivers a registered buyer’s invoice to the access point, per Recommand’s send API', async () => {
		const request = sendRequest({ buyer: REGISTERED, invoiceNumber: 'P-1' });
		const job = await send(request);
		assert.equal(job.status, 'sent', job.errorReason ?? '');
		assert.equal(job.channel, 'peppol');
		assert.equal(job.recipient, '0208:0123456749');
		assert.equal(ap.sent.length, 1);
		const document = ap.sent[0];
		assert.equal(job.messageId, document?.peppolMessageId);
		assert.deepEqual(job.via, {
			provider: { id: 'recommand', name: 'Recommand' },
			messageId: document?.peppolMessageId
		});
		assert.equal(document?.companyId, ap.accounts[0]?.company.id);
		assert.equal(document?.recipient, '0208:0123456749');
		assert.equal(document?.documentType, 'xml');
		assert.equal(document?.xml, sampleUbl('P-1'));
		assert.equal(smtp.messages.length, 0);
	});

	it('e-mails an unregistered buyer instead', async () => {
		const job = await send(sendRequest({ buyer: UNREGISTERED, invoiceNumber: 'M-1' }));
		assert.equal(job.status, 'sent');
		assert.equal(job.channel, 'email');
		assert.equal(ap.sent.length, 1);
		const [mail] = await smtp.waitForMessages(1);
		assert.equal(mail?.subject, 'Invoice M-1');
	});

	it('fails a Peppol-only send to an unregistered buyer instead of e-mailing it', async () => {
		const job = await send(
			sendRequest({ buyer: UNREGISTERED, channel: 'peppol', invoiceNumber: 'M-2' })
		);
		assert.equal(job.status, 'failed');
		assert.equal(job.errorRetryable, false);
		assert.match(job.errorReason ?? '', /not registered on Peppol/);
	});

	it('sends one job per invoice id, however often the client posts it', async () => {
		const request = sendRequest({ buyer: REGISTERED, invoiceNumber: 'P-2' });
		const responses = await Promise.all(Array.from({ length: 5 }, () => outbox.post(request)));
		const jobIds = new Set(responses.map((r) => field<string>(r.body, 'jobId')));
		assert.equal(jobIds.size, 1);
		assert.equal(responses.filter((r) => field(r.body, 'duplicate') === false).length, 1);
		const [jobId = ''] = [...jobIds];
		await outbox.reaches(jobId, 'sent');
		const again = await outbox.post(request);
		assert.equal(field(again.body, 'duplicate'), true);
		assert.equal(field(again.body, 'job', 'status'), 'sent');
		assert.equal(ap.sent.filter((d) => d.xml === sampleUbl('P-2')).length, 1);
	});
});

describe('without an access point configured', () => {
	it('fails a Peppol-registered buyer’s invoice with a clear reason, never falling back to e-mail', async () => {
		const network = await startPeppolNetwork();
		network.register(REGISTERED_PARTICIPANT);
		const t = await startTestRelay(peppolEnv(network));
		try {
			const device = await registerWorkspace(t.url);
			const outbox = outboxOf(t, device);
			const jobId = await outbox.accept(sendRequest({ buyer: REGISTERED }));
			const job = await t.waitForJob((j) => j.id === jobId && j.status === 'failed');
			assert.match(job.errorReason ?? '', /no Peppol access point/);
			assert.equal(job.errorCode, 'peppol-not-connected');
			assert.equal(job.errorRetryable, false);
			const previews = await outbox.previews();
			assert.deepEqual(field(previews.body, 'previews'), []);
		} finally {
			await t.close();
			await network.close();
		}
	});
});
