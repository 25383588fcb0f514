import { contactSchema, type Contact } from '$lib/contacts';
import { openDb, RecordStore, type BillfoldDb, type ContactRow } from '$lib/storage';
import { importWorkspaceKey } from '../workspace-key';
import { startSyncRuntime, type SyncRuntime } from '../runtime';
import type { MemoryRelay, MemoryTransport } from './memory-relay';

/** A simulated device for unit tests: its own IndexedDB (fake-indexeddb), transport and runtime. */
export interface TestDevice {
	name: string;
	db: BillfoldDb;
	contacts: RecordStore<Contact, ContactRow>;
	transport: MemoryTransport;
	runtime: SyncRuntime;
	close(): Promise<void>;
}

let counter = 0;

export const TEST_WORKSPACE = 'ws-test';
export const TEST_KEY = new Uint8Array(32).map((_, i) => i + 1);

export function contactStore(db: BillfoldDb): RecordStore<Contact, ContactRow> {
	return new RecordStore<Contact, ContactRow>(db.contacts, contactSchema, (contact, meta) => ({
		...meta,
		name: contact.name,
		archived: contact.archived ? 1 : 0,
		data: contact
	}));
}

export async function startDevice(
	relay: MemoryRelay,
	name: string,
	options: {
		rawKey?: Uint8Array;
		compactAfterRows?: number;
		pushBatch?: number;
		db?: BillfoldDb;
	} = {}
): Promise<TestDevice> {
	const db = options.db ?? openDb(`sync-test-${name}-${counter++}`);
	const transport = relay.device();
	const runtime = await startSyncRuntime({
		db,
		transport,
		workspaceId: TEST_WORKSPACE,
		key: await importWorkspaceKey(options.rawKey ?? TEST_KEY),
		retryMs: 60_000,
		compactAfterRows: options.compactAfterRows ?? 1000,
		...(options.pushBatch ? { pushBatch: options.pushBatch } : {})
	});
	return {
		name,
		db,
		contacts: contactStore(db),
		transport,
		runtime,
		async close() {
			await runtime.stop();
			db.close();
			await db.delete();
		}
	};
}

/**
 * Syncs every online device until none has anything left to push or pull. Pokes also trigger
 * syncs in the background; awaiting syncNow joins a running one.
 */
export async function settle(devices: readonly TestDevice[], relay: MemoryRelay): Promise<void> {
	for (let round = 0; round < 20; round++) {
		const online = devices.filter((device) => device.transport.online);
		await Promise.all(online.map((device) => device.runtime.engine.syncNow()));
		const quiet = online.every(
			(device) =>
				device.runtime.engine.status.pending === 0 &&
				device.runtime.engine.status.cursor === relay.head
		);
		if (quiet) return;
	}
	const states = devices.map((device) => ({
		device: device.name,
		...device.runtime.engine.status,
		online: device.transport.online
	}));
	throw new Error(`devices did not settle within 20 rounds: ${JSON.stringify(states)}`);
}
