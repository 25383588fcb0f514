import type { OperatorStore } from '../storage/storage.js';
import { newToken } from './tokens.js';

const INVITE_KEY = 'invite-token';

/**
 * The operator's invite token registers workspaces. It comes from BILLFOLD_INVITE_TOKEN, or is
 * generated once and kept in the data directory so that the printed invite link stays valid
 * across restarts.
 */
export function operatorInviteToken(
	configured: string | undefined,
	operator: OperatorStore
): string {
	if (configured !== undefined) return configured;
	const stored = operator.get(INVITE_KEY);
	if (stored !== undefined) return stored;
	const created = newToken('inv');
	operator.set(INVITE_KEY, created);
	return created;
}

/** The app handles this query on its Settings → Relay page and joins in one click. */
export function inviteLink(baseUrl: string, inviteToken: string): string {
	return `${baseUrl}/settings/relay?invite=${encodeURIComponent(inviteToken)}`;
}
