import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, field } from './helpers/http.js';
import { peppolEnv, startPeppolNetwork, type PeppolNetwork } from './helpers/peppol-network.js';
import {
	PROVIDER_TEST_ENV,
	startProvider,
	type ProviderUnderTest
} from './helpers/peppol-providers.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { joinDevice, registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

interface Setup {
	network: PeppolNetwork;
	provider: ProviderUnderTest;
	t: TestRelay;
	owner: DeviceCredentials;
	peppol: (method: string, path: string, json?: unknown, token?: string) => ReturnType<typeof call>;
}

async function withSetup(
	id: 'recommand' | 'letspeppol',
	test: (s: Setup) => Promise<void>
): Promise<void> {
	const network = await startPeppolNetwork();
	const provider = await startProvider(id, network);
	const t = await startTestRelay({ ...peppolEnv(network), ...provider.env, ...PROVIDER_TEST_ENV });
	try {
		const owner = await registerWorkspace(t.url);
		const peppol = (method: string, path: string, json?: unknown, token = owner.deviceToken) =>
			call(t.url, method, `/api/v1/workspaces/${owner.workspaceId}/peppol${path}`, {
				token,
				json
			});
		await test({ network, provider, t, owner, peppol });
	} finally {
		await t.close();
		await Promise.all([provider.close(), network.close()]);
	}
}

describe('the provider list', () => {
	it('describes both providers with the fields the app renders', async () => {
		const t = await startTestRelay();
		try {
			const answer = await call(t.url, 'GET', '/api/v1/peppol/providers');
			assert.equal(answer.status, 200);
			const providers = field<{ id: string; fields: { key: string; secret: boolean }[] }[]>(
				answer.body,
				'providers'
			);
			assert.deepEqual(
				providers.map((p) => p.id),
				['letspeppol', 'recommand']
			);
			const recommand = providers.find((p) => p.id === 'recommand');
			assert.deepEqual(
				recommand?.fields.map((f) => [f.key, f.secret]),
				[
					['apiKey', false],
					['apiSecret', true],
					['companyId', false]
				]
			);
		} finally {
			await t.close();
		}
	});
});

for (const id of ['recommand', 'letspeppol'] as const) {
	describe(`connecting ${id}`, () => {
		it('refuses wrong credentials with a typed error naming the field, and stores nothing', () =>
			withSetup(id, async ({ provider, peppol }) => {
				const answer = await peppol('PUT', '/connection', {
					provider: id,
					credentials: provider.badCredentials.credentials
				});
				assert.equal(answer.status, 422, answer.text);
				assert.equal(field(answer.body, 'error', 'code'), 'peppol-credentials-rejected');
				assert.equal(
					field(answer.body, 'error', 'fields', 0, 'path'),
					provider.badCredentials.field
				);
				const status = await peppol('GET', '/connection');
				assert.equal(field(status.body, 'source'), 'none');
				assert.equal(field(status.body, 'state'), 'not-connected');
			}));

		it('refuses credentials that miss a field before asking the provider', () =>
			withSetup(id, async ({ peppol }) => {
				const answer = await peppol('PUT', '/connection', { provider: id, credentials: {} });
				assert.equal(answer.status, 400);
				assert.match(String(field(answer.body, 'error', 'fields', 0, 'path')), /^credentials\./);
			}));

		it('turns an HTML answer and a timeout into typed errors', () =>
			withSetup(id, async ({ provider, peppol }) => {
				provider.fail(provider.connectRoute, { kind: 'html' });
				const html = await peppol('PUT', '/connection', {
					provider: id,
					credentials: provider.credentials()
				});
				assert.equal(html.status, 502, html.text);
				assert.equal(field(html.body, 'error', 'code'), 'peppol-provider-bad-answer');
				provider.fail(provider.connectRoute, { kind: 'hang' });
				const slow = await peppol('PUT', '/connection', {
					provider: id,
					credentials: provider.credentials()
				});
				assert.equal(slow.status, 504, slow.text);
				assert.equal(field(slow.body, 'error', 'code'), 'peppol-provider-timeout');
				assert.equal(field((await peppol('GET', '/connection')).body, 'source'), 'none');
			}));

		it('connects, shows the company with a masked hint, and registers the own id provably', () =>
			withSetup(id, async ({ provider, peppol, network }) => {
				const connected = await peppol('PUT', '/connection', {
					provider: id,
					credentials: provider.credentials()
				});
				assert.equal(connected.status, 200, connected.text);
				assert.equal(field(connected.body, 'source'), 'workspace');
				assert.equal(field(connected.body, 'state'), 'connected');
				assert.equal(field(connected.body, 'provider', 'id'), id);
				assert.equal(field(connected.body, 'company', 'name'), 'Seller 1 BV');
				assert.ok(
					field<string[]>(connected.body, 'company', 'participantIds').includes(provider.ownId())
				);
				for (const secret of Object.values(provider.credentials()).filter((v) => v.length > 8))
					assert.ok(!connected.text.includes(secret), 'no credential comes back');
				assert.equal(network.dnsQueries.length, 0);

				const registered = await peppol('PUT', '/registration', {
					participantIds: [provider.ownId()]
				});
				assert.equal(registered.status, 200, registered.text);
				const own = field<
					{
						id: string;
						registeredAtProvider: boolean;
						discovery: { status: string; supports: { invoice: boolean; creditNote: boolean } };
					}[]
				>(registered.body, 'participants').find((p) => p.id === provider.ownId());
				assert.equal(own?.registeredAtProvider, true);
				assert.deepEqual(own?.discovery.status, 'registered');
				assert.deepEqual(own?.discovery.supports, { invoice: true, creditNote: true });
				assert.ok(network.dnsQueries.length > 0, 'proved through the SML');

				const removed = await peppol('DELETE', '/registration', {
					participantIds: [provider.ownId()]
				});
				assert.equal(removed.status, 200, removed.text);
				const gone = field<
					{ id: string; registeredAtProvider: boolean; discovery: { status: string } }[]
				>(removed.body, 'participants').find((p) => p.id === provider.ownId());
				assert.equal(gone?.registeredAtProvider, false);
				assert.equal(gone?.discovery.status, 'not-registered');
			}));

		it('says an id registered with another access point is held elsewhere, with the migration link', () =>
			withSetup(id, async ({ provider, peppol }) => {
				provider.holdElsewhere(provider.ownId());
				await peppol('PUT', '/connection', { provider: id, credentials: provider.credentials() });
				const answer = await peppol('PUT', '/registration', { participantIds: [provider.ownId()] });
				assert.equal(answer.status, 409, answer.text);
				assert.equal(field(answer.body, 'error', 'code'), 'peppol-registered-elsewhere');
				assert.match(String(field(answer.body, 'error', 'message')), /another access point/);
				assert.match(String(field(answer.body, 'error', 'message')), /https:\/\//);
			}));

		it('lets only the owner device change the connection; every device reads it', () =>
			withSetup(id, async ({ provider, peppol, t, owner }) => {
				const phone = await joinDevice(t.url, owner, 'phone');
				const refused = await peppol(
					'PUT',
					'/connection',
					{ provider: id, credentials: provider.credentials() },
					phone.deviceToken
				);
				assert.equal(refused.status, 403);
				await peppol('PUT', '/connection', { provider: id, credentials: provider.credentials() });
				const read = await peppol('GET', '/connection', undefined, phone.deviceToken);
				assert.equal(field(read.body, 'state'), 'connected');
				const test = await peppol('POST', '/connection/test', undefined, phone.deviceToken);
				assert.equal(test.status, 403);
				const removed = await peppol('DELETE', '/connection');
				assert.equal(removed.status, 204);
				assert.equal(field((await peppol('GET', '/connection')).body, 'source'), 'none');
			}));

		it('records a failing re-test as lastError and clears it when the test passes again', () =>
			withSetup(id, async ({ provider, peppol }) => {
				await peppol('PUT', '/connection', { provider: id, credentials: provider.credentials() });
				provider.fail(provider.connectRoute, provider.serverError);
				const failing = await peppol('POST', '/connection/test');
				assert.equal(failing.status, 200, failing.text);
				assert.equal(field(failing.body, 'state'), 'failing');
				assert.equal(field(failing.body, 'lastError', 'code'), 'peppol-provider-unreachable');
				const passing = await peppol('POST', '/connection/test');
				assert.equal(field(passing.body, 'state'), 'connected');
				assert.equal(field(passing.body, 'lastError'), null);
			}));
	});
}

describe('without a connection', () => {
	it('answers not-connected for a test or a registration', async () => {
		const t = await startTestRelay();
		try {
			const owner = await registerWorkspace(t.url);
			const base = `/api/v1/workspaces/${owner.workspaceId}/peppol`;
			const test = await call(t.url, 'POST', `${base}/connection/test`, {
				token: owner.deviceToken
			});
			assert.equal(test.status, 409);
			assert.equal(field(test.body, 'error', 'code'), 'peppol-not-connected');
			const register = await call(t.url, 'PUT', `${base}/registration`, {
				token: owner.deviceToken,
				json: { participantIds: ['0208:0987654321'] }
			});
			assert.equal(register.status, 409);
			assert.equal(field(register.body, 'error', 'code'), 'peppol-not-connected');
		} finally {
			await t.close();
		}
	});
});
