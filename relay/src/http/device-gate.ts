import { hashToken } from '../auth/tokens.js';
import type { DeviceStore } from '../storage/storage.js';
import type { DeviceAuth } from './router.js';

export interface AsyncRateLimiter {
	take(key: string, now: number): Promise<number>;
}

export type Admission =
	| { kind: 'admitted'; auth: DeviceAuth }
	/** No active device holds the token (wrong, or the device was revoked or removed). */
	| { kind: 'unknown' }
	| { kind: 'rate-limited'; auth: DeviceAuth; retryMs: number };

const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Looks a bearer token up; revoked devices are not found. */
export async function authenticate(
	devices: DeviceStore,
	token: string | undefined
): Promise<DeviceAuth | undefined> {
	if (token === undefined) return undefined;
	const device = await devices.findActiveByTokenHash(hashToken(token));
	return device === undefined
		? undefined
		: { workspaceId: device.workspaceId, deviceId: device.id, deviceName: device.name };
}

/**
 * What every device call passes, over HTTP or the events socket: the token names an active
 * device (the store's cached lookup), the workspace is within its shared rate limit, and the
 * device's last-seen time is kept (at a minute's resolution: one write per device per minute).
 */
export function createDeviceGate(o: { devices: DeviceStore; workspaceLimiter: AsyncRateLimiter }) {
	const lastSeen = new Map<string, number>();
	return {
		async admit(token: string | undefined, now: number): Promise<Admission> {
			const auth = await authenticate(o.devices, token);
			if (auth === undefined) return { kind: 'unknown' };
			const retryMs = await o.workspaceLimiter.take(auth.workspaceId, now);
			if (retryMs > 0) return { kind: 'rate-limited', auth, retryMs };
			if ((lastSeen.get(auth.deviceId) ?? 0) + LAST_SEEN_RESOLUTION_MS < now) {
				lastSeen.set(auth.deviceId, now);
				await o.devices.touch(auth.deviceId, now);
			}
			return { kind: 'admitted', auth };
		}
	};
}
export type DeviceGate = ReturnType<typeof createDeviceGate>;
