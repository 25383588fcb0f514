import assert from 'node:assert/strict';
import type { Clock } from '../../src/clock.js';
import { call, field } from './http.js';
import { peppolEnv, startPeppolNetwork } from './peppol-network.js';
import { PROVIDER_TEST_ENV, startProvider, type ProviderUnderTest } from './peppol-providers.js';
import { receivingKeys, setReceivingKey, type ReceivingKeys } from './sealed-inbox.js';
import { sampleUbl } from './send-request.js';
import { startTestRelay, type TestRelay } from './test-relay.js';
import { registerWorkspace, type DeviceCredentials } from './workspace.js';

export interface InboxDocument {
	id: string;
	seq: number;
	providerDocumentId: string;
	state: string;
	sender: string | null;
}

export interface InboxRelay {
	t: TestRelay;
	provider: ProviderUnderTest;
	/** The workspace's first device; its workspace is connected to the provider's account 0. */
	device: DeviceCredentials;
	keys: ReceivingKeys;
	/** Drops a document into the provider's inbox; resolves once the relay acknowledged it. */
	receive(sender: string, note?: string): Promise<string>;
	list(device: DeviceCredentials, after?: number): Promise<InboxDocument[]>;
	close(): Promise<void>;
}

/**
 * An in-process relay (injectable clock, relay.sweep()) on a Recommand contract server whose
 * first account is the workspace's own connection, with the receiving key set: what the
 * retention tests need to get sealed documents stored and acknowledged.
 */
export async function startInboxRelay(clock: Clock): Promise<InboxRelay> {
	const network = await startPeppolNetwork();
	const provider = await startProvider('recommand', network);
	let t: TestRelay | undefined;
	try {
		t = await startTestRelay(
			{
				...peppolEnv(network),
				...provider.env,
				...PROVIDER_TEST_ENV,
				BILLFOLD_INBOX_POLL_MS: '20',
				BILLFOLD_INBOX_POLL_MAX_MS: '200',
				BILLFOLD_ACCESS_POINT_TIMEOUT_MS: '10000'
			},
			{ clock }
		);
		const relay = t;
		const device = await registerWorkspace(relay.url);
		const connected = await call(
			relay.url,
			'PUT',
			`/api/v1/workspaces/${device.workspaceId}/peppol/connection`,
			{
				token: device.deviceToken,
				json: { provider: provider.id, credentials: provider.credentials() }
			}
		);
		assert.equal(connected.status, 200, connected.text);
		const keys = await receivingKeys();
		await setReceivingKey(relay.url, device, keys);
		const acknowledged = () =>
			relay.logs.filter((line) => line.includes('"event":"inbox-document-acknowledged"')).length;
		return {
			t: relay,
			provider,
			device,
			keys,
			async receive(sender, note = '') {
				const before = acknowledged();
				const ubl = sampleUbl(`IN-${before + 1}`, provider.ownId(), 'Invoice', sender).replace(
					'</Invoice>',
					`<cbc:Note>${note}</cbc:Note></Invoice>`
				);
				const providerId = provider.receive(sender, ubl);
				await relay.waitForLog(
					(e) => e['event'] === 'inbox-document-acknowledged' && acknowledged() > before
				);
				return providerId;
			},
			async list(who, after = 0) {
				const answer = await call(
					relay.url,
					'GET',
					`/api/v1/workspaces/${who.workspaceId}/inbox?after=${after}`,
					{ token: who.deviceToken }
				);
				assert.equal(answer.status, 200, answer.text);
				return field<InboxDocument[]>(answer.body, 'documents');
			},
			async close() {
				await relay.close();
				await Promise.all([provider.close(), network.close()]);
			}
		};
	} catch (error) {
		await t?.close();
		await Promise.all([provider.close(), network.close()]);
		throw error;
	}
}
