import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ensureReceivingKey, openSealedDocument, type ReceivingKeyState } from '$lib/inbox';
import { createInboxClient } from '$lib/relay';
import { readSyncSetup } from '$lib/sync';
import { sealDocument } from '../../relay/src/inbox/sealed-envelope';
import { firstDevice, pairedDevice, settle, type RelayDevice } from './sync-devices';
import { useRelayDevices } from './relay-devices';

/**
 * The workspace's receiving key against the real relay and real sync: two paired devices set up
 * the inbox at the same moment; the relay keeps the first key, the other device adopts it when
 * its wrapped private half arrives by sync, and no second pair is ever made.
 */
const devices = useRelayDevices();

async function ensure(device: RelayDevice): Promise<ReceivingKeyState> {
	const stored = await readSyncSetup(device.db);
	if (!stored) throw new Error(`${device.name}: sync is not on`);
	return ensureReceivingKey({
		db: device.db,
		client: inboxClient(device),
		workspaceId: device.credentials.workspaceId,
		workspaceKey: stored.key,
		now: () => new Date().toISOString()
	});
}

function inboxClient(device: RelayDevice) {
	return createInboxClient({
		baseUrl: device.credentials.relayUrl,
		fetch: (...args) => fetch(...args),
		credentials: device.credentials
	});
}

async function relayKey(device: RelayDevice): Promise<string | null> {
	const answer = await inboxClient(device).receivingKey();
	if (!answer.ok) throw new Error(answer.error.message);
	return answer.value.publicKey;
}

const base64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

describe('the workspace receiving key', () => {
	it('two devices racing make one pair: the relay keeps the first and the other adopts it by sync', async () => {
		const laptop = devices.keep(await firstDevice(devices.relay));
		const phone = devices.keep(await pairedDevice(laptop, 'phone', { rawKey: laptop.rawKey }));
		await settle([laptop, phone]);

		const [onLaptop, onPhone] = await Promise.all([ensure(laptop), ensure(phone)]);
		const states = [onLaptop.state, onPhone.state].sort();
		expect(states).toEqual(['ready', 'waiting']);
		const winner = onLaptop.state === 'ready' ? onLaptop : onPhone;
		if (winner.state !== 'ready') throw new Error('no device set the key');
		expect(await relayKey(laptop)).toBe(base64Url(winner.keys.publicKeyRaw));

		await settle([laptop, phone]);
		const [again, adopted] = await Promise.all([ensure(laptop), ensure(phone)]);
		if (again.state !== 'ready' || adopted.state !== 'ready')
			throw new Error('a device still has no key after sync');
		expect(base64Url(again.keys.publicKeyRaw)).toBe(base64Url(winner.keys.publicKeyRaw));
		expect(base64Url(adopted.keys.publicKeyRaw)).toBe(base64Url(winner.keys.publicKeyRaw));
		expect(await relayKey(phone)).toBe(base64Url(winner.keys.publicKeyRaw));
		expect(await laptop.db.receivingKeys.count()).toBe(1);
		expect(await phone.db.receivingKeys.count()).toBe(1);
		// The private half stays inside WebCrypto on both devices.
		expect(again.keys.privateKey.extractable).toBe(false);
		expect(adopted.keys.privateKey.extractable).toBe(false);

		// Both devices open what the relay seals to the workspace's key.
		const ubl = new TextEncoder().encode('<Invoice>ontvangen</Invoice>');
		const sealed = new Uint8Array(
			await sealDocument(winner.keys.publicKeyRaw, laptop.credentials.workspaceId, 'doc-1', ubl)
		);
		for (const keys of [again.keys, adopted.keys])
			expect(
				await openSealedDocument(sealed, keys, laptop.credentials.workspaceId, 'doc-1')
			).toEqual(ubl);
	}, 120_000);

	it('a device that crashed after the relay took its key but before saving it keeps that key', async () => {
		const laptop = devices.keep(await firstDevice(devices.relay));
		const stored = await readSyncSetup(laptop.db);
		if (!stored) throw new Error('sync is not on');
		// The relay accepts the key, then the app stops before the synced record is written: the
		// pending pair is what a real crash leaves behind.
		const client = inboxClient(laptop);
		let crashed = false;
		const crashing = {
			...client,
			async putReceivingKey(publicKey: string, keepExisting: boolean) {
				const answer = await client.putReceivingKey(publicKey, keepExisting);
				crashed = true;
				throw new Error(`crash after the relay answered ${answer.ok}`);
			}
		};
		await expect(
			ensureReceivingKey({
				db: laptop.db,
				client: crashing,
				workspaceId: laptop.credentials.workspaceId,
				workspaceKey: stored.key,
				now: () => new Date().toISOString()
			})
		).rejects.toThrow(/crash/);
		expect(crashed).toBe(true);
		expect(await laptop.db.receivingKeys.count()).toBe(0);

		const after = await ensure(laptop);
		if (after.state !== 'ready') throw new Error('the pending key was not kept');
		expect(await relayKey(laptop)).toBe(base64Url(after.keys.publicKeyRaw));
		expect(await laptop.db.receivingKeys.count()).toBe(1);
	}, 120_000);
});
