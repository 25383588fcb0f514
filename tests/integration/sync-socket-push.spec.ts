/**
 * The app's sync transport against the real relay process: pushes go over the events socket while
 * it is connected and over HTTP otherwise, and a socket that closes before the answer costs
 * nothing (the push goes again over HTTP, one row per client id).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelayClient, type RelayCredentials, type RelaySocket } from '$lib/relay';
import { HttpSyncTransport, type PushRow, type SyncPoke } from '$lib/sync';
import { RELAY_TEST_TIMEOUT_MS } from './relay-devices';
import { NodeWebSocket, RELAY_INVITE, RelayProcess } from './sync-relay-process';

/** The real fetch, with the relay's sync pushes it carried counted. */
function countingFetch(): { fetch: typeof fetch; httpPushes: () => number } {
	let pushes = 0;
	return {
		fetch: (input, init) => {
			if (String(input).endsWith('/sync/push')) pushes++;
			return fetch(input, init);
		},
		httpPushes: () => pushes
	};
}

/** A real socket whose link drops right after it sends a push, before the relay can answer. */
class DroppingSocket extends NodeWebSocket {
	override send(data: Parameters<RelaySocket['send']>[0]): void {
		super.send(data);
		// Destroyed, not closed: a closing socket still delivers what the relay sent before it saw
		// the close frame, and a quick enough answer then arrived over the socket after all.
		if (typeof data !== 'string') (this as unknown as { terminate(): void }).terminate();
	}
}

const row = (clientId: string): PushRow => ({
	clientId,
	docId: 'invoice:socket',
	envelope: new Uint8Array(48).fill(3)
});

/** Watches the transport's events socket and resolves once it is connected. */
function connected(transport: HttpSyncTransport): Promise<() => void> {
	return new Promise((resolve) => {
		const unwatch = transport.watch((poke: SyncPoke) => {
			if (poke.kind === 'connected') resolve(unwatch);
		});
	});
}

describe('HttpSyncTransport pushes over the events socket', () => {
	let relay: RelayProcess;
	let credentials: RelayCredentials;
	beforeAll(async () => {
		relay = await RelayProcess.start();
		const registered = await createRelayClient({
			baseUrl: relay.url,
			fetch: (input, init) => fetch(input, init)
		}).registerWorkspace({ inviteToken: RELAY_INVITE, deviceName: 'laptop' });
		if (!registered.ok) throw new Error(registered.error.message);
		credentials = registered.value;
	}, RELAY_TEST_TIMEOUT_MS);
	afterAll(() => relay.stop());

	async function clientIds(transport: HttpSyncTransport): Promise<string[]> {
		return (await transport.pull(0, 1000)).rows.map((r) => r.clientId);
	}

	it('uses the socket while it is connected, HTTP before it is', async () => {
		const http = countingFetch();
		const transport = new HttpSyncTransport(credentials, {
			fetch: http.fetch,
			WebSocket: NodeWebSocket
		});
		const before = await transport.push([row('before-socket-1')]);
		expect(http.httpPushes()).toBe(1);
		const unwatch = await connected(transport);
		const over = await transport.push([row('over-socket-01')]);
		expect(over).toEqual([{ clientId: 'over-socket-01', seq: (before[0]?.seq ?? 0) + 1 }]);
		expect(http.httpPushes()).toBe(1);
		unwatch();
		expect(await clientIds(transport)).toEqual(
			expect.arrayContaining(['before-socket-1', 'over-socket-01'])
		);
	});

	it('pushes again over HTTP when the socket closes before the answer: the row lands once', async () => {
		const http = countingFetch();
		const transport = new HttpSyncTransport(credentials, {
			fetch: http.fetch,
			WebSocket: DroppingSocket,
			reconnectMs: 60_000
		});
		const unwatch = await connected(transport);
		const acks = await transport.push([row('dropped-link-1')]);
		expect(http.httpPushes()).toBe(1);
		unwatch();
		const rows = (await transport.pull(0, 1000)).rows.filter(
			(r) => r.clientId === 'dropped-link-1'
		);
		expect(rows.map((r) => r.seq)).toEqual([acks[0]?.seq]);
	});
});
