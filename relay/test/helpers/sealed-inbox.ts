import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { call } from './http.js';
import type { RelayProcess } from './relay-process.js';
import type { DeviceCredentials } from './workspace.js';

const P256 = { name: 'ECDH', namedCurve: 'P-256' } as const;
const INFO = 'billfold-inbox-v1';

export interface ReceivingKeys {
	privateKey: webcrypto.CryptoKey;
	publicKeyRaw: Uint8Array;
}

export async function receivingKeys(): Promise<ReceivingKeys> {
	const pair = await webcrypto.subtle.generateKey(P256, true, ['deriveBits']);
	const publicKeyRaw = new Uint8Array(await webcrypto.subtle.exportKey('raw', pair.publicKey));
	return { privateKey: pair.privateKey, publicKeyRaw };
}

/**
 * The device side of envelope v1, as src/lib/inbox/sealed-document.ts does it (that opener's spec
 * runs it on the relay's own sealing code; this suite cannot load the app's TypeScript on Node 20).
 */
export async function openSealed(
	sealed: Buffer,
	keys: ReceivingKeys,
	workspaceId: string,
	documentId: string
): Promise<Buffer> {
	const subtle = webcrypto.subtle;
	assert.equal(sealed[0], 1, 'envelope version');
	const ephemeralRaw = sealed.subarray(1, 66);
	const ephemeral = await subtle.importKey('raw', ephemeralRaw, P256, false, []);
	const shared = await subtle.deriveBits({ name: 'ECDH', public: ephemeral }, keys.privateKey, 256);
	const hkdf = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
	const aes = await subtle.deriveKey(
		{
			name: 'HKDF',
			hash: 'SHA-256',
			salt: Buffer.concat([ephemeralRaw, keys.publicKeyRaw]),
			info: new TextEncoder().encode(INFO)
		},
		hkdf,
		{ name: 'AES-GCM', length: 256 },
		false,
		['decrypt']
	);
	const plaintext = await subtle.decrypt(
		{
			name: 'AES-GCM',
			iv: sealed.subarray(66, 78),
			additionalData: new TextEncoder().encode(JSON.stringify([INFO, workspaceId, documentId]))
		},
		aes,
		sealed.subarray(78)
	);
	return Buffer.from(plaintext);
}

/** Resolves with the first log event of the relay process that matches, past or future. */
export function waitForLog(
	relay: RelayProcess,
	predicate: (event: Record<string, unknown>) => boolean
): Promise<Record<string, unknown>> {
	// One reader of the relay's stdout (relay-process.ts): a second readline would pause the
	// stream when closed, and the relay, writing its log to a full pipe, would stall.
	return new Promise((resolve, reject) => {
		const past = relay.events.find(predicate);
		if (past !== undefined) return resolve(past);
		const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
			stop();
			reject(new Error(`relay exited (${code ?? signal}) before the log event`));
		};
		const stop = relay.onEvent((event) => {
			if (!predicate(event)) return;
			stop();
			relay.child.off('exit', onExit);
			resolve(event);
		});
		relay.child.once('exit', onExit);
	});
}

/** An authenticated events socket of the device; `next` resolves with the next message of a type. */
export async function eventsSocket(
	url: string,
	device: DeviceCredentials
): Promise<{ next(type: string): Promise<Record<string, unknown>>; close(): void }> {
	const socket = new WebSocket(
		`${url.replace('http', 'ws')}/api/v1/workspaces/${device.workspaceId}/events`
	);
	const messages: Record<string, unknown>[] = [];
	const waiters: { type: string; resolve: (m: Record<string, unknown>) => void }[] = [];
	socket.on('message', (data: Buffer) => {
		const message = JSON.parse(data.toString()) as Record<string, unknown>;
		const waiter = waiters.find((w) => w.type === message['type']);
		if (waiter === undefined) messages.push(message);
		else {
			waiters.splice(waiters.indexOf(waiter), 1);
			waiter.resolve(message);
		}
	});
	await once(socket, 'open');
	socket.send(JSON.stringify({ type: 'auth', token: device.deviceToken }));
	const next = (type: string) =>
		new Promise<Record<string, unknown>>((resolve) => {
			const index = messages.findIndex((m) => m['type'] === type);
			if (index >= 0) resolve(messages.splice(index, 1)[0] ?? {});
			else waiters.push({ type, resolve });
		});
	await next('ready');
	return { next, close: () => socket.terminate() };
}

export async function setReceivingKey(
	url: string,
	device: DeviceCredentials,
	keys: ReceivingKeys
): Promise<void> {
	const answer = await call(url, 'PUT', `/api/v1/workspaces/${device.workspaceId}/inbox/key`, {
		token: device.deviceToken,
		json: { publicKey: Buffer.from(keys.publicKeyRaw).toString('base64') }
	});
	assert.equal(answer.status, 200, answer.text);
}

/** The sealed bytes of a document, as a device downloads them. */
export async function downloadSealed(
	url: string,
	device: DeviceCredentials,
	documentId: string
): Promise<{ status: number; bytes: Buffer }> {
	const response = await fetch(
		`${url}/api/v1/workspaces/${device.workspaceId}/inbox/${documentId}/sealed`,
		{ headers: { authorization: `Bearer ${device.deviceToken}` } }
	);
	return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}
