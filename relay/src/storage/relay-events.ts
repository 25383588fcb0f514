/**
 * What one relay process tells the others (and itself) about changes other devices must hear of:
 * the sync log grew, a job changed, a device was revoked, a received document was stored. With one process this is a local call;
 * on PostgreSQL it is a NOTIFY that every process LISTENs to.
 */
export type RelayEvent =
	| { kind: 'sync'; workspaceId: string; head: number }
	| { kind: 'job'; workspaceId: string; jobId: string }
	/** Ids absent when sent by a process of the version before (see postgres-events.ts). */
	| { kind: 'job-queued'; workspaceId?: string; jobId?: string }
	| { kind: 'device-revoked'; deviceId: string }
	| { kind: 'inbox'; workspaceId: string; cursor: number };

export interface RelayEventBus {
	/** Delivers to every other process's subscribers; this process handles its own changes itself. */
	publish(event: RelayEvent): Promise<void>;
	subscribe(listener: (event: RelayEvent) => void): () => void;
}
