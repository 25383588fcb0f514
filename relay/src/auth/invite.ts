import type { OperatorStore } from '../storage/storage.js';
import { hashToken, newToken, sameSecret } from './tokens.js';

/** Migration 3 moved the plaintext 'invite-token' here as its hash. */
const INVITE_HASH_KEY = 'invite-token-sha256';

/**
 * The operator's invite token registers workspaces. It comes from BILLFOLD_INVITE_TOKEN, or the
 * relay generates one and keeps only its SHA-256 in the data directory, like device and join
 * tokens: a copied database holds no credential. The generated link can therefore be printed only
 * when it is made; `node relay/dist/main.js invite` makes a new one and the old one stops working.
 */
export async function inviteAccepted(
	configured: string | undefined,
	operator: OperatorStore,
	candidate: string
): Promise<boolean> {
	if (configured !== undefined) return sameSecret(candidate, configured);
	const stored = await operator.get(INVITE_HASH_KEY);
	return stored !== undefined && sameSecret(hashToken(candidate), stored);
}

/** Makes a new generated invite token, replacing the previous one, and returns it once. */
export async function rotateInviteToken(operator: OperatorStore): Promise<string> {
	const created = newToken('inv');
	await operator.set(INVITE_HASH_KEY, hashToken(created));
	return created;
}

/**
 * The token to print when the relay starts with no workspace yet: the configured one, or a newly
 * generated one on the very first start. Undefined once a generated token exists, since only its
 * hash is kept.
 */
export async function firstStartInviteToken(
	configured: string | undefined,
	operator: OperatorStore
): Promise<string | undefined> {
	if (configured !== undefined) return configured;
	return (await operator.get(INVITE_HASH_KEY)) === undefined
		? rotateInviteToken(operator)
		: undefined;
}

/** The app handles this query on its Settings → Relay page and joins in one click. */
export function inviteLink(baseUrl: string, inviteToken: string): string {
	return `${baseUrl}/settings/relay?invite=${encodeURIComponent(inviteToken)}`;
}
