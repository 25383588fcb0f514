import { describe, expect, it } from 'vitest';
import { sealDocument } from '../../../relay/src/inbox/sealed-envelope';
import {
	generateReceivingKeyPair,
	openSealedDocument,
	SealedDocumentError
} from './sealed-document';

// Runs the relay's sealing code and this opener together, so the two cannot drift apart.
async function sealedByRelay(plaintext: Uint8Array) {
	const pair = await generateReceivingKeyPair();
	const publicKeyRaw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
	const sealed = await sealDocument(publicKeyRaw, 'ws-1', 'doc-1', plaintext);
	return { sealed: new Uint8Array(sealed), keys: { privateKey: pair.privateKey, publicKeyRaw } };
}

const ubl = new TextEncoder().encode('<Invoice xmlns="urn:oasis">€ 12,10</Invoice>');

describe('openSealedDocument', () => {
	it('opens what the relay sealed, byte for byte', async () => {
		const { sealed, keys } = await sealedByRelay(ubl);
		expect(await openSealedDocument(sealed, keys, 'ws-1', 'doc-1')).toEqual(ubl);
	});

	it('refuses another workspace or document id (associated data mismatch)', async () => {
		const { sealed, keys } = await sealedByRelay(ubl);
		await expect(openSealedDocument(sealed, keys, 'ws-2', 'doc-1')).rejects.toMatchObject({
			reason: 'cannot-open'
		});
		await expect(openSealedDocument(sealed, keys, 'ws-1', 'doc-2')).rejects.toMatchObject({
			reason: 'cannot-open'
		});
	});

	it('refuses a tampered byte anywhere after the version', async () => {
		const { sealed, keys } = await sealedByRelay(ubl);
		for (const index of [1, 40, 70, 80, sealed.length - 20, sealed.length - 1]) {
			const tampered = sealed.slice();
			tampered[index] = (tampered[index] ?? 0) ^ 0x01;
			await expect(openSealedDocument(tampered, keys, 'ws-1', 'doc-1')).rejects.toBeInstanceOf(
				SealedDocumentError
			);
		}
	});

	it('refuses another receiving key, an unknown version and a truncated envelope', async () => {
		const { sealed } = await sealedByRelay(ubl);
		const other = await generateReceivingKeyPair();
		const otherKeys = {
			privateKey: other.privateKey,
			publicKeyRaw: new Uint8Array(await crypto.subtle.exportKey('raw', other.publicKey))
		};
		await expect(openSealedDocument(sealed, otherKeys, 'ws-1', 'doc-1')).rejects.toMatchObject({
			reason: 'cannot-open'
		});
		const v2 = sealed.slice();
		v2[0] = 2;
		await expect(openSealedDocument(v2, otherKeys, 'ws-1', 'doc-1')).rejects.toMatchObject({
			reason: 'unsupported-version'
		});
		await expect(
			openSealedDocument(sealed.subarray(0, 90), otherKeys, 'ws-1', 'doc-1')
		).rejects.toMatchObject({ reason: 'malformed' });
	});
});
