import type { PeppolConnectionStatus, PeppolRegistration } from '../protocol/peppol-connection.js';
import { isoTime, isoTimeOrNull, type Clock } from '../clock.js';
import { errorKind, type Logger } from '../log.js';
import type { PeppolDiscovery } from '../peppol/discovery.js';
import type { PeppolConnectionRecord } from '../storage/peppol-connections.js';
import type { Storage } from '../storage/storage.js';
import { AccessPointError } from './access-point-error.js';
import type { AccessPoint, ProviderId } from './access-point.js';
import {
	createAccessPoint,
	credentialHint,
	providerRef,
	type Credentials,
	type ProviderEndpoints
} from './providers.js';
import type { SecretBox } from './secret-box.js';

export interface ResolvedAccessPoint {
	source: 'workspace' | 'operator';
	accessPoint: AccessPoint;
	/** The workspace's connection; null for the operator's default. */
	record: PeppolConnectionRecord | null;
}

export interface PeppolConnections {
	/** The workspace's own account, else the operator's default, else undefined. */
	resolve(workspaceId: string): Promise<ResolvedAccessPoint | undefined>;
	status(workspaceId: string): Promise<PeppolConnectionStatus>;
	/** Tests the credentials at the provider and stores them only if the test succeeds. */
	connect(
		workspaceId: string,
		providerId: ProviderId,
		credentials: Credentials
	): Promise<PeppolConnectionStatus>;
	test(workspaceId: string): Promise<PeppolConnectionStatus>;
	disconnect(workspaceId: string): Promise<boolean>;
	registration(workspaceId: string): Promise<PeppolRegistration>;
	register(workspaceId: string, participantIds: string[]): Promise<PeppolRegistration>;
	unregister(workspaceId: string, participantIds: string[]): Promise<PeppolRegistration>;
	/** The ids registered at the provider, read again (the sender check before a send). */
	refreshRegistered(workspaceId: string): Promise<string[]>;
	/** A send or an inbox poll learned that the connection fails (e.g. revoked credentials). */
	/** Bookkeeping after a send: a storage error is logged, never thrown into the delivery. */
	recordError(workspaceId: string, error: AccessPointError): Promise<void>;
	recordSuccess(workspaceId: string): Promise<void>;
}

export interface PeppolConnectionsOptions {
	storage: Storage;
	box: SecretBox;
	endpoints: ProviderEndpoints;
	fetch: typeof fetch;
	/** The env-configured access point (a single-company relay), offered to every workspace. */
	operator: AccessPoint | undefined;
	discovery: PeppolDiscovery;
	clock: Clock;
	log: Logger;
}

const notConnected = () =>
	new AccessPointError(
		'peppol-not-connected',
		'This workspace has no Peppol access point of its own: connect one under Settings → Peppol first.',
		false
	);

/** Associated data of a sealed credential set: it opens only for this workspace and provider. */
const aad = (workspaceId: string, providerId: ProviderId) =>
	`billfold/peppol-credentials/v1/${workspaceId}/${providerId}`;

export function createPeppolConnections(o: PeppolConnectionsOptions): PeppolConnections {
	// One adapter per connection, so a provider session (Let's Peppol's JWT) is reused between sends.
	const adapters = new Map<string, { sealed: string; accessPoint: AccessPoint }>();

	const adapterFor = (record: PeppolConnectionRecord): AccessPoint => {
		const cached = adapters.get(record.workspaceId);
		if (cached !== undefined && cached.sealed === record.sealedCredentials)
			return cached.accessPoint;
		let credentials: Credentials;
		try {
			credentials = JSON.parse(
				o.box.open(record.sealedCredentials, aad(record.workspaceId, record.providerId))
			) as Credentials;
		} catch {
			throw new AccessPointError(
				'peppol-not-connected',
				'The relay can no longer open this workspace’s stored access-point credentials (its secret key changed): connect the access point again.',
				false
			);
		}
		const accessPoint = createAccessPoint(record.providerId, credentials, o.endpoints, o.fetch);
		adapters.set(record.workspaceId, { sealed: record.sealedCredentials, accessPoint });
		return accessPoint;
	};

	const own = async (workspaceId: string) => {
		const record = await o.storage.peppolConnections.get(workspaceId);
		if (record === undefined) throw notConnected();
		return { record, accessPoint: adapterFor(record) };
	};

	const errorOf = (error: AccessPointError) => ({
		code: error.code,
		message: error.message,
		providerMessage: error.providerMessage,
		at: o.clock.now()
	});

	const present = (record: PeppolConnectionRecord): PeppolConnectionStatus => ({
		source: 'workspace',
		provider: providerRef(record.providerId),
		hint: record.hint,
		state: record.lastError === null ? 'connected' : 'failing',
		company: { name: record.companyName, participantIds: record.companyParticipantIds },
		lastError:
			record.lastError === null ? null : { ...record.lastError, at: isoTime(record.lastError.at) },
		checkedAt: isoTimeOrNull(record.checkedAt)
	});

	let operatorCheck: { status: PeppolConnectionStatus } | undefined;
	const operatorStatus = (operator: AccessPoint): PeppolConnectionStatus =>
		operatorCheck?.status ?? {
			source: 'operator',
			provider: operator.provider,
			hint: null,
			state: 'connected',
			company: null,
			lastError: null,
			checkedAt: null
		};

	const describe = async (
		provider: AccessPoint['provider'] | null,
		ids: string[],
		registered: string[]
	): Promise<PeppolRegistration> => {
		const all = [...ids];
		for (const id of registered)
			if (!all.some((x) => x.toLowerCase() === id.toLowerCase())) all.push(id);
		const participants = [];
		for (const id of all) {
			const lookup = await o.discovery.lookup({ country: 'XX', peppolId: id }, 'invoice', {
				fresh: true
			});
			const { invoice, creditNote } = lookup.supports;
			const status =
				lookup.status === 'unknown'
					? 'unknown'
					: invoice || creditNote
						? 'registered'
						: 'not-registered';
			const missing = [invoice ? null : 'invoices', creditNote ? null : 'credit notes'].filter(
				(x) => x !== null
			);
			participants.push({
				id,
				registeredAtProvider: registered.some((r) => r.toLowerCase() === id.toLowerCase()),
				discovery: {
					status: status as 'registered' | 'not-registered' | 'unknown',
					supports: { invoice, creditNote },
					reason:
						status === 'unknown'
							? (lookup.reason ?? 'The Peppol SML or SMP could not be asked.')
							: status === 'not-registered'
								? `The Peppol network (SML) does not list ${id} yet; a new registration can take a few minutes to appear.`
								: missing.length > 0
									? `${id} is on Peppol but cannot receive ${missing.join(' or ')}.`
									: null
				}
			});
		}
		return { provider, participants, checkedAt: isoTime(o.clock.now()) };
	};

	return {
		async resolve(workspaceId) {
			const record = await o.storage.peppolConnections.get(workspaceId);
			if (record !== undefined)
				return { source: 'workspace', accessPoint: adapterFor(record), record };
			if (o.operator !== undefined)
				return { source: 'operator', accessPoint: o.operator, record: null };
			return undefined;
		},

		async status(workspaceId) {
			const record = await o.storage.peppolConnections.get(workspaceId);
			if (record !== undefined) return present(record);
			if (o.operator !== undefined) return operatorStatus(o.operator);
			return {
				source: 'none',
				provider: null,
				hint: null,
				state: 'not-connected',
				company: null,
				lastError: null,
				checkedAt: null
			};
		},

		async connect(workspaceId, providerId, credentials) {
			const accessPoint = createAccessPoint(providerId, credentials, o.endpoints, o.fetch);
			const check = await accessPoint.check();
			let registered: string[] = [];
			try {
				registered = await accessPoint.registration();
			} catch (error) {
				// The credentials work; the registration is read again on the registration screen.
				o.log.warn('peppol-registration-read-failed', { workspaceId, error: errorKind(error) });
			}
			const at = o.clock.now();
			const existing = await o.storage.peppolConnections.get(workspaceId);
			const record: PeppolConnectionRecord = {
				workspaceId,
				providerId,
				sealedCredentials: o.box.seal(JSON.stringify(credentials), aad(workspaceId, providerId)),
				hint: credentialHint(providerId, credentials),
				companyName: check.company.name,
				companyParticipantIds: check.company.participantIds,
				registeredIds: registered,
				lastError: null,
				checkedAt: at,
				createdAt: existing?.createdAt ?? at,
				updatedAt: at
			};
			await o.storage.peppolConnections.put(record);
			await o.storage.durable();
			adapters.set(workspaceId, { sealed: record.sealedCredentials, accessPoint });
			o.log.info('peppol-connected', { workspaceId, provider: providerId });
			return present(record);
		},

		async test(workspaceId) {
			const record = await o.storage.peppolConnections.get(workspaceId);
			if (record === undefined) {
				if (o.operator === undefined) throw notConnected();
				const operator = o.operator;
				const checkedAt = isoTime(o.clock.now());
				try {
					const check = await operator.check();
					operatorCheck = {
						status: {
							...operatorStatus(operator),
							company: check.company,
							lastError: null,
							checkedAt
						}
					};
				} catch (error) {
					if (!(error instanceof AccessPointError)) throw error;
					operatorCheck = {
						status: {
							...operatorStatus(operator),
							state: 'failing',
							lastError: { ...errorOf(error), at: checkedAt },
							checkedAt
						}
					};
				}
				return operatorCheck.status;
			}
			const accessPoint = adapterFor(record);
			let next: PeppolConnectionRecord | undefined;
			try {
				const check = await accessPoint.check();
				const registered = await accessPoint.registration();
				next = await o.storage.peppolConnections.recordCheck(workspaceId, {
					companyName: check.company.name,
					companyParticipantIds: check.company.participantIds,
					registeredIds: registered,
					lastError: null,
					checkedAt: o.clock.now()
				});
			} catch (error) {
				if (!(error instanceof AccessPointError)) throw error;
				next = await o.storage.peppolConnections.recordCheck(workspaceId, {
					lastError: errorOf(error),
					checkedAt: o.clock.now()
				});
			}
			await o.storage.durable();
			if (next === undefined) throw notConnected();
			return present(next);
		},

		async disconnect(workspaceId) {
			adapters.delete(workspaceId);
			const removed = await o.storage.peppolConnections.remove(workspaceId);
			if (removed) o.log.info('peppol-disconnected', { workspaceId });
			return removed;
		},

		async registration(workspaceId) {
			const record = await o.storage.peppolConnections.get(workspaceId);
			if (record === undefined) {
				if (o.operator === undefined) return describe(null, [], []);
				return describe(o.operator.provider, [], await o.operator.registration());
			}
			const accessPoint = adapterFor(record);
			const registered = await accessPoint.registration();
			await o.storage.peppolConnections.recordCheck(workspaceId, {
				registeredIds: registered,
				lastError: record.lastError,
				checkedAt: o.clock.now()
			});
			return describe(accessPoint.provider, record.companyParticipantIds, registered);
		},

		async register(workspaceId, participantIds) {
			const { record, accessPoint } = await own(workspaceId);
			await accessPoint.register(participantIds, { name: record.companyName });
			const registered = await accessPoint.registration();
			await o.storage.peppolConnections.recordCheck(workspaceId, {
				registeredIds: registered,
				lastError: null,
				checkedAt: o.clock.now()
			});
			await o.storage.durable();
			o.log.info('peppol-registered', { workspaceId, ids: participantIds.length });
			return describe(accessPoint.provider, participantIds, registered);
		},

		async unregister(workspaceId, participantIds) {
			const { accessPoint } = await own(workspaceId);
			await accessPoint.unregister(participantIds);
			const registered = await accessPoint.registration();
			await o.storage.peppolConnections.recordCheck(workspaceId, {
				registeredIds: registered,
				lastError: null,
				checkedAt: o.clock.now()
			});
			await o.storage.durable();
			o.log.info('peppol-unregistered', { workspaceId, ids: participantIds.length });
			return describe(accessPoint.provider, participantIds, registered);
		},

		async refreshRegistered(workspaceId) {
			const { record, accessPoint } = await own(workspaceId);
			const registered = await accessPoint.registration();
			await o.storage.peppolConnections.recordCheck(workspaceId, {
				registeredIds: registered,
				lastError: record.lastError,
				checkedAt: o.clock.now()
			});
			return registered;
		},

		async recordError(workspaceId, error) {
			try {
				await o.storage.peppolConnections.recordCheck(workspaceId, {
					lastError: errorOf(error),
					checkedAt: o.clock.now()
				});
			} catch (failure) {
				o.log.warn('peppol-connection-record-failed', { workspaceId, error: errorKind(failure) });
			}
		},

		async recordSuccess(workspaceId) {
			try {
				const record = await o.storage.peppolConnections.get(workspaceId);
				if (record?.lastError === null || record === undefined) return;
				await o.storage.peppolConnections.recordCheck(workspaceId, {
					lastError: null,
					checkedAt: o.clock.now()
				});
			} catch (failure) {
				o.log.warn('peppol-connection-record-failed', { workspaceId, error: errorKind(failure) });
			}
		}
	};
}
