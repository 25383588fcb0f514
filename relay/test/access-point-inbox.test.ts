import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccessPointError } from '../src/access-point/access-point-error.js';
import { createLetsPeppolAccessPoint } from '../src/access-point/letspeppol.js';
import { createRecommandAccessPoint } from '../src/access-point/recommand.js';
import { start as startLetsPeppol } from './helpers/contract/letspeppol-server.js';
import { start as startRecommand } from './helpers/contract/recommand-server.js';
import { sampleUbl } from './helpers/send-request.js';

// The adapter side of the inbox (issue 18 builds the sealed intake on it): list, fetch, acknowledge.
/** The adapter logged in to the contract server's first account. */
function letsPeppolAccessPoint(
	server: Awaited<ReturnType<typeof startLetsPeppol>>,
	timeoutMs = 2000
): ReturnType<typeof createLetsPeppolAccessPoint> {
	const account = server.accounts[0];
	assert.ok(account !== undefined);
	return createLetsPeppolAccessPoint({
		baseUrl: server.url,
		kycUrl: server.kycUrl,
		email: account.email,
		password: account.password,
		timeoutMs,
		pollMs: 10,
		followMs: 1000,
		fetch
	});
}

describe('received documents through the adapters', () => {
	it('Recommand: lists the unread inbox, returns the UBL, and marks it read', async () => {
		const server = await startRecommand();
		try {
			const account = server.accounts[0];
			assert.ok(account !== undefined);
			const ap = createRecommandAccessPoint({
				baseUrl: server.url,
				apiKey: account.apiKey,
				apiSecret: account.apiSecret,
				companyId: account.company.id,
				timeoutMs: 2000,
				fetch
			});
			const xml = sampleUbl('IN-1', '0208:0987654321', 'Invoice', '0208:0123456749');
			const id = server.receive({ sender: '0208:0123456749', xml });
			const listed = await ap.listReceived();
			assert.deepEqual(
				listed.map((d) => [d.id, d.sender, d.documentType]),
				[[id, '0208:0123456749', 'invoice']]
			);
			const fetched = await ap.fetchReceived(id);
			assert.equal(fetched.ubl, xml);
			await ap.acknowledgeReceived(id);
			assert.deepEqual(server.acknowledged, [id]);
			assert.deepEqual(await ap.listReceived(), []);
		} finally {
			await server.close();
		}
	});

	it('Let’s Peppol: lists new documents, returns the UBL, acknowledges, and logs in again when the token expired', async () => {
		const server = await startLetsPeppol();
		try {
			const ap = letsPeppolAccessPoint(server);
			const ubl = sampleUbl('IN-2', '0208:0987654321', 'CreditNote', '0208:0123456749');
			const id = server.receive({ sender: '0208:0123456749', ubl, type: 'CREDIT_NOTE' });
			const listed = await ap.listReceived();
			assert.deepEqual(
				listed.map((d) => [d.id, d.sender, d.documentType]),
				[[id, '0208:0123456749', 'credit-note']]
			);
			assert.equal(server.logins, 1);
			server.expireTokens();
			const fetched = await ap.fetchReceived(id);
			assert.equal(fetched.ubl, ubl);
			assert.equal(server.logins, 2);
			await ap.acknowledgeReceived(id);
			assert.deepEqual(server.acknowledged, [id]);
			assert.deepEqual(await ap.listReceived(), []);
		} finally {
			await server.close();
		}
	});

	it('Let’s Peppol: a listing made too large by one embedded UBL still names that document, without holding it', async () => {
		const server = await startLetsPeppol();
		try {
			// Generous: the 17 MB listing is streamed on a shared, busy test machine.
			const ap = letsPeppolAccessPoint(server, 300_000);
			const small = sampleUbl('IN-S', '0208:0987654321', 'Invoice', '0208:0123456749');
			const before = server.receive({ sender: '0208:0123456749', ubl: small });
			// Past the 16 MiB answer cap by its UBL alone; the ASCII-only escape-free text keeps the
			// byte count exact.
			const hugeUbl = small.replace(
				'</Invoice>',
				`<cbc:Note>${'A'.repeat(17 * 1024 * 1024)}</cbc:Note></Invoice>`
			);
			const huge = server.receive({ sender: '0208:0123456749', ubl: hugeUbl });
			const after = server.receive({ sender: '0208:0123456749', ubl: small });
			const listed = await ap.listReceived();
			assert.deepEqual(
				listed.map((d) => [d.id, d.tooLargeBytes]),
				[
					[before, undefined],
					[huge, listed[1]?.tooLargeBytes]
				],
				'reading stops inside the oversized document; the next one comes in a later listing'
			);
			const bytes = listed[1]?.tooLargeBytes ?? 0;
			assert.ok(bytes > 16 * 1024 * 1024 && bytes < Buffer.byteLength(hugeUbl), String(bytes));
			await ap.acknowledgeReceived(before);
			await ap.acknowledgeReceived(huge);
			assert.deepEqual(
				(await ap.listReceived()).map((d) => [d.id, d.tooLargeBytes]),
				[[after, undefined]]
			);
		} finally {
			await server.close();
		}
	});

	it('Let’s Peppol: a listing that is not a JSON array of objects is a retryable bad answer', async () => {
		const server = await startLetsPeppol();
		try {
			const ap = letsPeppolAccessPoint(server);
			server.fail('inbox', { kind: 'status', status: 200, body: { documents: [] } });
			await assert.rejects(ap.listReceived(), (error: AccessPointError) => {
				assert.equal(error.code, 'peppol-provider-bad-answer');
				assert.equal(error.retryable, true);
				assert.match(error.message, /not a JSON array/);
				return true;
			});
		} finally {
			await server.close();
		}
	});
});
