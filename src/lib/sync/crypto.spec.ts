import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url, utf8 } from '$lib/bytes';
import { EnvelopeError, openEnvelope, sealEnvelope, type EnvelopeContext } from './envelope';
import { PassphraseError, unwrapWorkspaceKey, wrapWorkspaceKey } from './key-wrap';
import { buildPairingLink, pairingQrSvg, parsePairingFragment } from './pairing-link';
import { decodeRecoveryKey, encodeRecoveryKey, RecoveryKeyError } from './recovery-key';
import { createWorkspaceKey, importWorkspaceKey } from './workspace-key';

const context: EnvelopeContext = { workspaceId: 'ws-1', docId: 'doc-1', kind: 'update' };
const fastArgon = { memoryKiB: 8192, iterations: 1, parallelism: 1 };

describe('workspace key and envelopes', () => {
	it('keeps the key non-extractable and round-trips an envelope', async () => {
		const { raw, key } = await createWorkspaceKey();
		expect(raw).toHaveLength(32);
		expect(key.extractable).toBe(false);
		await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
		const plaintext = utf8('Peeters & Zonen, € 1.234,56');
		const sealed = await sealEnvelope(key, context, plaintext);
		expect(sealed[0]).toBe(1);
		expect(sealed).toHaveLength(1 + 12 + plaintext.length + 16);
		expect(await openEnvelope(key, context, sealed)).toEqual(plaintext);
	});

	it('uses a fresh IV for every envelope', async () => {
		const { key } = await createWorkspaceKey();
		const a = await sealEnvelope(key, context, utf8('same'));
		const b = await sealEnvelope(key, context, utf8('same'));
		expect(toBase64Url(a.subarray(1, 13))).not.toBe(toBase64Url(b.subarray(1, 13)));
	});

	it('fails with the wrong key, another doc, workspace or kind, or a flipped bit', async () => {
		const { key } = await createWorkspaceKey();
		const other = await importWorkspaceKey(new Uint8Array(32).fill(7));
		const sealed = await sealEnvelope(key, context, utf8('secret'));
		const attempts: [CryptoKey, EnvelopeContext, Uint8Array][] = [
			[other, context, sealed],
			[key, { ...context, docId: 'doc-2' }, sealed],
			[key, { ...context, workspaceId: 'ws-2' }, sealed],
			[key, { ...context, kind: 'snapshot' }, sealed],
			[key, context, sealed.map((byte, i) => (i === 20 ? byte ^ 1 : byte))]
		];
		for (const [attemptKey, attemptContext, envelope] of attempts) {
			await expect(openEnvelope(attemptKey, attemptContext, envelope)).rejects.toThrow(
				EnvelopeError
			);
		}
		await expect(
			openEnvelope(
				key,
				context,
				sealed.map((b, i) => (i === 0 ? 2 : b))
			)
		).rejects.toThrow('unsupported version');
	});

	it('refuses a key of the wrong length', async () => {
		await expect(importWorkspaceKey(new Uint8Array(16))).rejects.toThrow('must be 32 bytes');
	});
});

describe('passphrase wrap (Argon2id)', () => {
	it('unwraps with the passphrase and refuses a wrong one or another workspace', async () => {
		const { raw } = await createWorkspaceKey();
		const wrapped = await wrapWorkspaceKey(raw, 'correct horse battery', 'ws-1', fastArgon);
		expect(JSON.stringify(wrapped)).not.toContain(toBase64Url(raw));
		expect(await unwrapWorkspaceKey(wrapped, 'correct horse battery', 'ws-1')).toEqual(raw);
		await expect(unwrapWorkspaceKey(wrapped, 'wrong horse battery', 'ws-1')).rejects.toThrow(
			PassphraseError
		);
		await expect(unwrapWorkspaceKey(wrapped, 'correct horse battery', 'ws-2')).rejects.toThrow(
			'wrong passphrase'
		);
	});

	it('refuses a short passphrase and a malformed blob with the field named', async () => {
		await expect(wrapWorkspaceKey(new Uint8Array(32), 'short', 'ws-1', fastArgon)).rejects.toThrow(
			'at least 10 characters'
		);
		await expect(unwrapWorkspaceKey({ v: 1, kdf: 'pbkdf2' }, 'whatever12', 'ws-1')).rejects.toThrow(
			/kdf/
		);
	});
});

describe('recovery key', () => {
	it('round-trips, forgives case, spaces and look-alike letters, and catches typos', async () => {
		const { raw } = await createWorkspaceKey();
		const text = await encodeRecoveryKey(raw);
		expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){10}[0-9A-HJKMNP-TV-Z]{5}$/);
		expect(await decodeRecoveryKey(text)).toEqual(raw);
		const sloppy = text.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
		expect(await decodeRecoveryKey(sloppy)).toEqual(raw);
		const typo = (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
		await expect(decodeRecoveryKey(typo)).rejects.toThrow(RecoveryKeyError);
		await expect(decodeRecoveryKey('ABCDE')).rejects.toThrow('must have 55 characters');
	});
});

describe('pairing link', () => {
	it('carries the key in the fragment only, and parses back', async () => {
		const raw = new Uint8Array(32).map((_, i) => i);
		const link = buildPairingLink('https://app.example', {
			relayUrl: 'https://relay.example',
			workspaceId: 'ws-1',
			joinToken: 'join-abc',
			rawKey: raw
		});
		const url = new URL(link);
		expect(url.pathname).toBe('/settings/sync');
		expect(url.search).toBe('');
		expect(url.hash).toContain(`key=${toBase64Url(raw)}`);
		const invite = parsePairingFragment(url.hash);
		expect(invite?.rawKey).toEqual(raw);
		expect(invite).toMatchObject({
			relayUrl: 'https://relay.example',
			workspaceId: 'ws-1',
			joinToken: 'join-abc'
		});
		expect(fromBase64Url(toBase64Url(raw))).toEqual(raw);
		expect((await pairingQrSvg(link)).startsWith('<svg')).toBe(true);
	});

	it('ignores other fragments and names a broken field', () => {
		expect(parsePairingFragment('#section-2')).toBeUndefined();
		expect(() => parsePairingFragment('#pair=1&relay=ftp://x&ws=a&join=b')).toThrow(/relay/);
		expect(() =>
			parsePairingFragment('#pair=1&relay=https://r.example&ws=a&join=b&key=short')
		).toThrow(/key must be 32 bytes/);
	});
});
