import type { DeviceRecord } from '../storage/storage.js';

/**
 * Who may do what to whom in a workspace. A stolen or lost device must not be able to take the
 * workspace over, so the powers that change who belongs to it sit with one device, the owner:
 *
 * - The device that registered the workspace is its owner; every joined device is a member.
 * - Only the owner creates join tokens, revokes other devices and hands ownership to another
 *   active device of the workspace.
 * - Every device may revoke itself, except the owner while other active devices remain: it hands
 *   ownership on first, so the workspace is never left without one.
 * - Losing the owner device is recovered by the relay's operator (`node relay/dist/main.js owner
 *   <deviceId>`), who runs the server and so holds that power anyway.
 *
 * Storage applies these rules inside the transaction that makes the change, so the roles it
 * checks are the roles it changes.
 */
export type Refusal = 'not-owner' | 'owner-must-hand-over';

export function revocationRefusal(
	actor: DeviceRecord,
	target: DeviceRecord,
	otherActiveDevices: number
): Refusal | undefined {
	if (actor.id === target.id)
		return actor.role === 'owner' && otherActiveDevices > 0 ? 'owner-must-hand-over' : undefined;
	return actor.role === 'owner' ? undefined : 'not-owner';
}

/** Creating join tokens and handing ownership on. */
export function ownerOnlyRefusal(actor: DeviceRecord): Refusal | undefined {
	return actor.role === 'owner' ? undefined : 'not-owner';
}

/** The answer a refused device gets; it names the owner so the user knows where to go. */
export function refusalMessage(refusal: Refusal, action: string, ownerName: string | null): string {
	const owner = ownerName === null ? 'the owner device' : `the owner device (“${ownerName}”)`;
	switch (refusal) {
		case 'not-owner':
			return `Only ${owner}, may ${action}; a device may always revoke itself. If the owner device is lost, the relay's operator can make another device the owner.`;
		case 'owner-must-hand-over':
			return 'The owner device cannot revoke itself while other devices are active: make another device the owner first.';
	}
}
