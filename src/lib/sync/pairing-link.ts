import { z } from 'zod';
import { fromBase64Url, toBase64Url } from '$lib/bytes';
import { WORKSPACE_KEY_BYTES } from './workspace-key';

/**
 * A pairing link opens the app's sync page with everything a new device needs in the URL
 * fragment, which browsers never send to a server: the relay, the workspace, a single-use join
 * token and (unless the device should use the passphrase) the raw workspace key.
 */
export interface PairingInvite {
	relayUrl: string;
	workspaceId: string;
	joinToken: string;
	/** Absent: the new device unwraps the key with the passphrase instead. */
	rawKey?: Uint8Array;
}

export const PAIRING_PATH = '/settings/sync';

const fragmentSchema = z.object({
	pair: z.literal('1'),
	relay: z.url({ protocol: /^https?$/, message: 'relay must be an http(s) URL' }),
	ws: z.string().min(1, 'workspace id is missing').max(100),
	join: z.string().min(1, 'join token is missing').max(200),
	key: z
		.string()
		.regex(/^[A-Za-z0-9_-]{43}$/, 'key must be 32 bytes in base64url')
		.optional()
});

export function buildPairingLink(appOrigin: string, invite: PairingInvite): string {
	const params = new URLSearchParams({
		pair: '1',
		relay: invite.relayUrl,
		ws: invite.workspaceId,
		join: invite.joinToken
	});
	if (invite.rawKey) params.set('key', toBase64Url(invite.rawKey));
	return `${new URL(PAIRING_PATH, appOrigin).href}#${params.toString()}`;
}

/** Reads a pairing fragment ("#pair=1&…"); returns undefined when the fragment is not one. */
export function parsePairingFragment(hash: string): PairingInvite | undefined {
	const params = new URLSearchParams(hash.replace(/^#/, ''));
	if (params.get('pair') !== '1') return undefined;
	const parsed = fragmentSchema.parse(Object.fromEntries(params));
	const rawKey = parsed.key ? fromBase64Url(parsed.key) : undefined;
	if (rawKey && rawKey.length !== WORKSPACE_KEY_BYTES) throw new Error('key must be 32 bytes');
	return {
		relayUrl: parsed.relay,
		workspaceId: parsed.ws,
		joinToken: parsed.join,
		...(rawKey ? { rawKey } : {})
	};
}

/** The same link as a QR code, as SVG markup; qrcode loads on first use. */
export async function pairingQrSvg(link: string): Promise<string> {
	const { toString } = await import('qrcode');
	return toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
