import { guard } from '../guard.js';
import type { Logger } from '../log.js';

/**
 * Pokes a workspace's devices when its sync log grows, at most once per `windowMs`: a burst of
 * pushes becomes one {type:"sync", head} message per socket, carrying the latest head. Devices
 * pull everything after their cursor anyway, so a coalesced poke loses nothing.
 */
export function createSyncPokes(
	publish: (workspaceId: string, message: unknown) => void,
	windowMs: number,
	log: Logger
): { appended(workspaceId: string, head: number): void; close(): void } {
	const pending = new Map<string, { head: number; timer: ReturnType<typeof setTimeout> }>();
	return {
		appended(workspaceId, head) {
			const scheduled = pending.get(workspaceId);
			if (scheduled) {
				scheduled.head = Math.max(scheduled.head, head);
				return;
			}
			const entry = {
				head,
				timer: setTimeout(
					guard(log, 'sync-poke-failed', () => {
						pending.delete(workspaceId);
						publish(workspaceId, { type: 'sync', head: entry.head });
					}),
					windowMs
				)
			};
			entry.timer.unref();
			pending.set(workspaceId, entry);
		},
		close() {
			for (const entry of pending.values()) clearTimeout(entry.timer);
			pending.clear();
		}
	};
}
