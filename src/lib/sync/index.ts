/**
 * End-to-end encrypted multi-device sync. This entry stays light (no yjs, no hash-wasm): the
 * runtime, which pulls in yjs, loads with `loadSyncRuntime()` only when sync is on, and hash-wasm
 * loads inside the passphrase functions on first use.
 */
export { fromBase64Url, toBase64Url } from '$lib/bytes';
export {
	EnvelopeError,
	openEnvelope,
	sealEnvelope,
	type EnvelopeContext,
	type EnvelopeKind
} from './envelope';
export {
	DEFAULT_ARGON2,
	MIN_PASSPHRASE_LENGTH,
	PassphraseError,
	unwrapWorkspaceKey,
	wrappedKeySchema,
	wrapWorkspaceKey,
	type Argon2Params,
	type WrappedKey
} from './key-wrap';
export {
	buildPairingLink,
	PAIRING_PATH,
	pairingQrSvg,
	parsePairingFragment,
	type PairingInvite
} from './pairing-link';
export { decodeRecoveryKey, encodeRecoveryKey, RecoveryKeyError } from './recovery-key';
export {
	createWorkspaceKey,
	importWorkspaceKey,
	WORKSPACE_KEY_BYTES,
	type CreatedWorkspaceKey
} from './workspace-key';
export {
	isOffline,
	TransportError,
	type IssuedNumber,
	type IssueNumberRequest,
	type LogRow,
	type SyncPoke,
	type PullPage,
	type PushAck,
	type PushRow,
	type SeriesSeed,
	type SnapshotUpload,
	type SyncTransport,
	type TransportFailure
} from './transport';
export type { SyncState, SyncStatus } from './sync-engine';
export { relaySequencer } from './relay-sequencer';
export type { SyncRuntime, SyncRuntimeOptions } from './runtime';

/** Loads the sync runtime (yjs and the engine) on demand. */
export function loadSyncRuntime(): Promise<typeof import('./runtime')> {
	return import('./runtime');
}

export {
	completeJoin,
	createPairingLink,
	DeviceFlowError,
	joinWithInvite,
	pendingJoin,
	turnSyncOn,
	unlockRawKey,
	type FlowOptions,
	type KeyUnlock,
	type SyncTurnedOn
} from './device-flows';
export { HttpSyncTransport, type HttpTransportOptions } from './http-transport';
export {
	forgetSyncSetup,
	readSyncSetup,
	saveSyncSetup,
	setSyncPaused,
	type SyncSetup
} from './sync-setup';
export type { BackupSummary } from './backup';

/** The encrypted backup and its restore (fflate) load on demand. */
export function loadSyncExports(): Promise<typeof import('./exports')> {
	return import('./exports');
}
