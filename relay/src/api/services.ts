import type { AccessPoint } from '../access-point/access-point.js';
import type { PeppolConnections } from '../access-point/connections.js';
import type { SecretBox } from '../access-point/secret-box.js';
import type { Clock } from '../clock.js';
import type { CompanyLookup } from '../company-lookup/company-lookup.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { PeppolDiscovery } from '../peppol/discovery.js';
import type { SyncRow } from '../protocol/index.js';
import type { JobRecord, Storage } from '../storage/storage.js';

/** What the route handlers may use; wired together in relay.ts. */
export interface ApiServices {
	config: Config;
	storage: Storage;
	clock: Clock;
	log: Logger;
	version: string;
	baseUrl(): string;
	discovery: PeppolDiscovery;
	/** VIES, through the relay's cache and per-workspace rate limit. */
	companyLookup: CompanyLookup;
	/** The operator's env-configured access point, the default of workspaces without their own. */
	accessPoint: AccessPoint | undefined;
	peppolConnections: PeppolConnections;
	/** Seals what the relay keeps for a workspace but must not hold in clear (nudge addresses). */
	secretBox: SecretBox;
	mailMode: 'smtp' | 'preview';
	previewDir: string;
	jobQueued(job: JobRecord): void;
	deviceRevoked(deviceId: string): void;
	/**
	 * The sync log grew to `head`: poke the workspace's devices, with the new rows if known.
	 * `origin`: the socket the rows were pushed on, if any (sync-pokes.ts).
	 */
	syncAppended(workspaceId: string, head: number, rows?: readonly SyncRow[], origin?: object): void;
	/** A device set the workspace's inbox receiving key: start its intake now. */
	inboxKeySet(workspaceId: string): void;
}
