/** Workspaces, their devices, join tokens and the operator's settings. */
import type { Refusal } from '../auth/device-policy.js';
import type { Epoch } from './epoch.js';

/** relay/src/auth/device-policy.ts says what each role may do. */
export type DeviceRole = 'owner' | 'member';

export interface DeviceRecord {
	id: string;
	workspaceId: string;
	name: string;
	role: DeviceRole;
	createdAt: Epoch;
	lastSeenAt: Epoch | null;
	revokedAt: Epoch | null;
}

/**
 * What authenticating a request needs of its device. None of it changes while the device is
 * active (roles and last-seen times are not part of it), so only a revocation can make a
 * remembered copy wrong.
 */
export type ActiveDevice = Pick<DeviceRecord, 'id' | 'workspaceId' | 'name'>;

export interface NewDevice {
	id: string;
	workspaceId: string;
	name: string;
	tokenHash: string;
	createdAt: Epoch;
}

export interface WorkspaceStore {
	/** Creates the workspace and its first device, its owner, together. */
	create(
		workspace: { id: string; name: string | null; createdAt: Epoch },
		firstDevice: NewDevice
	): Promise<void>;
	count(): Promise<number>;
}

/** A device acting on its own workspace, or the relay's operator on the command line. */
export type Actor = { kind: 'device'; deviceId: string } | { kind: 'operator' };

export type RevokeOutcome =
	| { kind: 'revoked'; withdrawnJoinTokens: number }
	| { kind: 'already-revoked' | 'not-found' | 'other-workspace' }
	| { kind: 'refused'; refusal: Refusal; ownerName: string | null };

export type HandOverOutcome =
	| { kind: 'handed-over' | 'already-owner'; workspaceId: string; previousOwnerId: string | null }
	| { kind: 'not-found' | 'other-workspace' | 'revoked' }
	| { kind: 'refused'; refusal: Refusal; ownerName: string | null };

export interface DeviceStore {
	findActiveByTokenHash(tokenHash: string): Promise<ActiveDevice | undefined>;
	list(workspaceId: string): Promise<DeviceRecord[]>;
	/** Every workspace's devices, for the operator's command line. */
	listAll(): Promise<DeviceRecord[]>;
	/**
	 * One transaction: checks the device policy, marks the device revoked and withdraws every
	 * unused join token it created. 'other-workspace' lets the caller answer 403 rather than
	 * pretend the device does not exist.
	 */
	revoke(workspaceId: string, deviceId: string, by: string, at: Epoch): Promise<RevokeOutcome>;
	/**
	 * One transaction: makes an active device its workspace's owner; the previous owner becomes a
	 * member and its unused join tokens are withdrawn. A device actor must be the owner and name a
	 * device of its own workspace.
	 */
	handOver(deviceId: string, by: Actor, at: Epoch): Promise<HandOverOutcome>;
	touch(deviceId: string, at: Epoch): Promise<void>;
}

export type JoinOutcome =
	{ kind: 'joined'; workspaceId: string } | { kind: 'invalid' | 'expired' | 'used' | 'withdrawn' };

export type CreateJoinTokenOutcome =
	{ kind: 'created' } | { kind: 'refused'; refusal: Refusal; ownerName: string | null };

export interface JoinTokenStore {
	/** Refused unless the creating device is its workspace's owner (checked in the transaction). */
	create(token: {
		tokenHash: string;
		workspaceId: string;
		createdBy: string;
		createdAt: Epoch;
		expiresAt: Epoch;
	}): Promise<CreateJoinTokenOutcome>;
	/** Marks the token used and creates the device, a member, in one transaction. */
	consume(
		tokenHash: string,
		at: Epoch,
		device: Omit<NewDevice, 'workspaceId'>
	): Promise<JoinOutcome>;
}

export interface OperatorStore {
	get(key: string): Promise<string | undefined>;
	set(key: string, value: string): Promise<void>;
}
