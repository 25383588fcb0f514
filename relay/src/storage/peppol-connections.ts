import type { ProviderId } from '../access-point/access-point.js';
import type { Epoch } from './epoch.js';

export interface PeppolConnectionError {
	code: string;
	message: string;
	providerMessage: string | null;
	at: Epoch;
}

/**
 * A workspace's own access-point account. The credentials are sealed (access-point/secret-box.ts)
 * before they reach storage; `hint` is the masked reminder the API may show.
 */
export interface PeppolConnectionRecord {
	workspaceId: string;
	providerId: ProviderId;
	sealedCredentials: string;
	hint: string;
	companyName: string | null;
	/** The ids the provider reports for the connected company. */
	companyParticipantIds: string[];
	/** The ids registered for receiving at the provider, as last read from it. */
	registeredIds: string[];
	lastError: PeppolConnectionError | null;
	checkedAt: Epoch | null;
	createdAt: Epoch;
	updatedAt: Epoch;
}

export interface PeppolConnectionCheck {
	companyName?: string | null;
	companyParticipantIds?: string[];
	registeredIds?: string[];
	lastError: PeppolConnectionError | null;
	checkedAt: Epoch;
}

export interface PeppolConnectionStore {
	get(workspaceId: string): Promise<PeppolConnectionRecord | undefined>;
	/** Connects or replaces the workspace's account (the previous credentials are overwritten). */
	put(record: PeppolConnectionRecord): Promise<void>;
	/** Records a test, a send failure or a registration read; a removed connection stays removed. */
	recordCheck(
		workspaceId: string,
		check: PeppolConnectionCheck
	): Promise<PeppolConnectionRecord | undefined>;
	remove(workspaceId: string): Promise<boolean>;
}

/** The connection after a check: fields the check leaves out keep their value. */
export function withCheck(
	current: PeppolConnectionRecord,
	check: PeppolConnectionCheck
): PeppolConnectionRecord {
	return {
		...current,
		companyName: check.companyName === undefined ? current.companyName : check.companyName,
		companyParticipantIds: check.companyParticipantIds ?? current.companyParticipantIds,
		registeredIds: check.registeredIds ?? current.registeredIds,
		lastError: check.lastError,
		checkedAt: check.checkedAt,
		updatedAt: check.checkedAt
	};
}
