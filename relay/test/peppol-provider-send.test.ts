import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobRecord } from '../src/storage/storage.js';
import { call, field } from './helpers/http.js';
import { peppolEnv, startPeppolNetwork, type PeppolNetwork } from './helpers/peppol-network.js';
import {
	PROVIDER_TEST_ENV,
	startProvider,
	type ProviderUnderTest
} from './helpers/peppol-providers.js';
import { sendRequest } from './helpers/send-request.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

const BUYER = {
	name: 'Peppol Buyer NV',
	country: 'BE',
	isBusiness: true,
	vatNumber: 'BE0123456749',
	enterpriseNumber: '0123456749'
};

interface Setup {
	provider: ProviderUnderTest;
	t: TestRelay;
	owner: DeviceCredentials;
	send(overrides?: Parameters<typeof sendRequest>[0]): Promise<JobRecord>;
}

/** A relay whose workspace is connected to the provider and registered as the sample seller. */
async function withConnected(
	id: 'recommand' | 'letspeppol',
	test: (s: Setup) => Promise<void>,
	options: { register?: boolean } = {}
): Promise<void> {
	const network: PeppolNetwork = await startPeppolNetwork();
	network.register('0208:0123456749');
	const provider = await startProvider(id, network);
	const t = await startTestRelay({ ...peppolEnv(network), ...provider.env, ...PROVIDER_TEST_ENV });
	try {
		const owner = await registerWorkspace(t.url);
		const base = `/api/v1/workspaces/${owner.workspaceId}`;
		const connected = await call(t.url, 'PUT', `${base}/peppol/connection`, {
			token: owner.deviceToken,
			json: { provider: id, credentials: provider.credentials() }
		});
		assert.equal(connected.status, 200, connected.text);
		if (options.register !== false) {
			const registered = await call(t.url, 'PUT', `${base}/peppol/registration`, {
				token: owner.deviceToken,
				json: { participantIds: [provider.ownId()] }
			});
			assert.equal(registered.status, 200, registered.text);
		}
		const send = async (overrides: Parameters<typeof sendRequest>[0] = {}) => {
			const accepted = await call(t.url, 'POST', `${base}/outbox`, {
				token: owner.deviceToken,
				json: sendRequest({ buyer: BUYER, ...overrides })
			});
			assert.equal(accepted.status, 202, accepted.text);
			const jobId = field<string>(accepted.body, 'jobId');
			return t.waitForJob(
				(job) => job.id === jobId && (job.status === 'sent' || job.status === 'failed')
			);
		};
		await test({ provider, t, owner, send });
	} finally {
		await t.close();
		await Promise.all([provider.close(), network.close()]);
	}
}

for (const id of ['recommand', 'letspeppol'] as const) {
	describe(`sending through ${id}`, () => {
		it('sends through the workspace’s own account and shows the provider and message id', () =>
			withConnected(id, async ({ provider, send, t, owner }) => {
				const job = await send({ invoiceNumber: 'S-1' });
				assert.equal(job.status, 'sent', job.errorReason ?? '');
				assert.equal(job.channel, 'peppol');
				assert.equal(job.recipient, '0208:0123456749');
				assert.equal(provider.sentCount(), 1);
				assert.match(provider.sentUbl()[0] ?? '', /<cbc:ID>S-1<\/cbc:ID>/);
				const status = await call(
					t.url,
					'GET',
					`/api/v1/workspaces/${owner.workspaceId}/outbox/${job.id}`,
					{ token: owner.deviceToken }
				);
				assert.equal(field(status.body, 'via', 'channel'), 'peppol');
				assert.equal(field(status.body, 'via', 'provider', 'id'), id);
				assert.equal(field(status.body, 'via', 'messageId'), job.messageId);
				assert.ok(job.messageId !== null && job.messageId !== '');
			}));

		it('fails a refused document for good, quoting the provider', () =>
			withConnected(id, async ({ provider, send }) => {
				provider.fail(provider.sendRoute, provider.refusal.fault);
				const job = await send();
				assert.equal(job.status, 'failed');
				assert.equal(job.errorRetryable, false);
				assert.equal(job.attempts, 1);
				assert.match(job.errorReason ?? '', provider.refusal.quoted);
				assert.equal(provider.sentCount(), 0);
			}));

		it('retries a 5xx and a timeout, then delivers once', () =>
			withConnected(id, async ({ provider, send }) => {
				provider.fail(provider.sendRoute, provider.serverError, { kind: 'hang' });
				const job = await send();
				assert.equal(job.status, 'sent', job.errorReason ?? '');
				assert.equal(job.attempts, 3);
				assert.equal(provider.sentCount(), 1);
			}));

		it('does not send twice when the answer to a send is lost', () =>
			withConnected(id, async ({ provider, send }) => {
				provider.fail(provider.sendRoute, { kind: 'drop-after-work' });
				const job = await send({ invoiceNumber: 'LOST-1' });
				assert.equal(job.status, 'sent', job.errorReason ?? '');
				assert.equal(job.attempts, 2);
				assert.equal(provider.sentCount(), 1);
			}));

		it('gives up on an answer that may be permanent after a bounded number of attempts, with the provider’s words', () =>
			withConnected(id, async ({ provider, send }) => {
				provider.fail(provider.sendRoute, provider.unsure, provider.unsure, provider.unsure);
				const job = await send();
				assert.equal(job.status, 'failed');
				assert.equal(job.attempts, 3);
				assert.match(job.errorReason ?? '', /said: “/);
				assert.equal(provider.sentCount(), 0);
			}));

		it('fails a send whose credentials the provider no longer accepts, and shows the connection failing', () =>
			withConnected(id, async ({ provider, send, t, owner }) => {
				provider.revokeCredentials();
				const job = await send();
				assert.equal(job.status, 'failed');
				assert.equal(job.errorCode, 'peppol-credentials-rejected');
				assert.equal(provider.sentCount(), 0);
				const status = await call(
					t.url,
					'GET',
					`/api/v1/workspaces/${owner.workspaceId}/peppol/connection`,
					{ token: owner.deviceToken }
				);
				assert.equal(field(status.body, 'state'), 'failing');
				assert.equal(field(status.body, 'lastError', 'code'), 'peppol-credentials-rejected');
			}));

		it('refuses to send as a seller id that is not registered at the provider', () =>
			withConnected(
				id,
				async ({ provider, send }) => {
					const job = await send();
					assert.equal(job.status, 'failed');
					assert.equal(job.errorCode, 'peppol-sender-not-registered');
					assert.match(job.errorReason ?? '', /not registered for this workspace/);
					assert.equal(provider.sentCount(), 0);
				},
				{ register: false }
			));
	});
}

describe('two workspaces on one relay', () => {
	it('send each through its own account only', async () => {
		const network = await startPeppolNetwork();
		network.register('0208:0123456749');
		const recommand = await startProvider('recommand', network, ['0987654321']);
		const letsPeppol = await startProvider('letspeppol', network, ['0555666777']);
		const t = await startTestRelay({
			...peppolEnv(network),
			...recommand.env,
			...letsPeppol.env,
			...PROVIDER_TEST_ENV
		});
		try {
			const connect = async (provider: ProviderUnderTest) => {
				const device = await registerWorkspace(t.url);
				const base = `/api/v1/workspaces/${device.workspaceId}/peppol`;
				for (const [method, path, json] of [
					['PUT', '/connection', { provider: provider.id, credentials: provider.credentials() }],
					['PUT', '/registration', { participantIds: [provider.ownId()] }]
				] as const) {
					const answer = await call(t.url, method, base + path, {
						token: device.deviceToken,
						json
					});
					assert.equal(answer.status, 200, answer.text);
				}
				return device;
			};
			const a = await connect(recommand);
			const b = await connect(letsPeppol);
			const send = async (device: DeviceCredentials, seller: string) => {
				const accepted = await call(
					t.url,
					'POST',
					`/api/v1/workspaces/${device.workspaceId}/outbox`,
					{
						token: device.deviceToken,
						json: sendRequest({ buyer: BUYER, seller })
					}
				);
				const jobId = field<string>(accepted.body, 'jobId');
				return t.waitForJob(
					(job) => job.id === jobId && (job.status === 'sent' || job.status === 'failed')
				);
			};
			const sentA = await send(a, recommand.ownId());
			assert.equal(sentA.status, 'sent', sentA.errorReason ?? '');
			assert.equal(sentA.via?.provider.id, 'recommand');
			assert.equal(recommand.sentCount(), 1);
			assert.equal(letsPeppol.sentCount(), 0);
			const sentB = await send(b, letsPeppol.ownId());
			assert.equal(sentB.status, 'sent', sentB.errorReason ?? '');
			assert.equal(sentB.via?.provider.id, 'letspeppol');
			assert.equal(recommand.sentCount(), 1);
			assert.equal(letsPeppol.sentCount(), 1);
			// B's seller id is not A's: A cannot send as B through its own account.
			const crossed = await send(a, letsPeppol.ownId());
			assert.equal(crossed.errorCode, 'peppol-sender-not-registered');
			assert.equal(recommand.sentCount(), 1);
		} finally {
			await t.close();
			await Promise.all([recommand.close(), letsPeppol.close(), network.close()]);
		}
	});
});
