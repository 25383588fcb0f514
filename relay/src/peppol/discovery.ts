import type { Clock } from '../clock.js';
import { DOCUMENT_TYPE_IDS, type PeppolDocumentType } from './document-types.js';
import { participantCandidates, type BuyerIdentifiers } from './participant-id.js';
import type { Sml } from './sml.js';
import type { SmpClient } from './smp.js';

export type LookupStatus = 'registered' | 'not-registered' | 'unknown';

export interface Capabilities {
	invoice: boolean;
	creditNote: boolean;
}

export interface PeppolLookup {
	status: LookupStatus;
	/** The participant that can receive the requested document type, when registered. */
	participantId: string | null;
	candidates: string[];
	supports: Capabilities;
	smpUrl: string | null;
	checkedAt: number;
	reason: string | null;
}

interface ParticipantCheck {
	status: LookupStatus;
	supports: Capabilities;
	smpUrl: string | null;
	reason: string | null;
	checkedAt: number;
}

export interface PeppolDiscovery {
	/** `fresh` skips the cached answers (a user's "check now"); what it learns is cached again. */
	lookup(
		buyer: BuyerIdentifiers,
		documentType: PeppolDocumentType,
		options?: { fresh?: boolean }
	): Promise<PeppolLookup>;
}

const none: Capabilities = { invoice: false, creditNote: false };

/**
 * SML → SMP discovery with a TTL cache of definite answers. "Unknown" (a resolver or SMP failure)
 * is never cached and never read as "not registered": the outbox retries instead of falling back
 * to e-mail.
 */
export function createPeppolDiscovery(options: {
	sml: Sml;
	smp: SmpClient;
	clock: Clock;
	cacheTtlMs: number;
	maxCacheEntries?: number;
}): PeppolDiscovery {
	const cache = new Map<string, ParticipantCheck>();
	const inFlight = new Map<string, Promise<ParticipantCheck>>();
	const maxEntries = options.maxCacheEntries ?? 10_000;

	const check = async (participantId: string): Promise<ParticipantCheck> => {
		const checkedAt = options.clock.now();
		const unknown = (reason: string): ParticipantCheck => ({
			status: 'unknown',
			supports: none,
			smpUrl: null,
			reason,
			checkedAt
		});
		const located = await options.sml.locate(participantId);
		if (located.kind === 'unknown') return unknown(located.reason);
		if (located.kind === 'absent')
			return { status: 'not-registered', supports: none, smpUrl: null, reason: null, checkedAt };
		const group = await options.smp.serviceGroup(located.smpUrl, participantId);
		if (group.kind === 'unknown') return unknown(group.reason);
		if (group.kind === 'absent')
			return {
				status: 'not-registered',
				supports: none,
				smpUrl: located.smpUrl,
				reason: null,
				checkedAt
			};
		const supports = { ...none };
		for (const [documentType, key] of [
			['invoice', 'invoice'],
			['credit-note', 'creditNote']
		] as const) {
			const id = DOCUMENT_TYPE_IDS[documentType];
			if (!group.documentTypes.includes(id)) continue;
			const endpoint = await options.smp.endpoint(located.smpUrl, participantId, id, checkedAt);
			if (endpoint.kind === 'unknown') return unknown(endpoint.reason);
			supports[key] = endpoint.kind === 'found';
		}
		const registered = supports.invoice || supports.creditNote;
		return {
			status: registered ? 'registered' : 'not-registered',
			supports,
			smpUrl: located.smpUrl,
			reason: null,
			checkedAt
		};
	};

	const cachedCheck = (participantId: string, fresh: boolean): Promise<ParticipantCheck> => {
		const key = participantId.toLowerCase();
		const hit = fresh ? undefined : cache.get(key);
		if (hit !== undefined && hit.checkedAt + options.cacheTtlMs > options.clock.now())
			return Promise.resolve(hit);
		const pending = inFlight.get(key);
		if (pending !== undefined) return pending;
		const started = check(participantId)
			.then((result) => {
				if (result.status !== 'unknown' && options.cacheTtlMs > 0) {
					cache.delete(key);
					cache.set(key, result);
					if (cache.size > maxEntries) {
						const oldest = cache.keys().next().value;
						if (oldest !== undefined) cache.delete(oldest);
					}
				}
				return result;
			})
			.finally(() => inFlight.delete(key));
		inFlight.set(key, started);
		return started;
	};

	return {
		async lookup(buyer, documentType, lookupOptions = {}) {
			const candidates = participantCandidates(buyer);
			const wanted = documentType === 'invoice' ? 'invoice' : 'creditNote';
			let firstUnknown: ParticipantCheck | undefined;
			let firstRegistered: { id: string; result: ParticipantCheck } | undefined;
			for (const id of candidates) {
				const result = await cachedCheck(id, lookupOptions.fresh ?? false);
				if (result.status === 'registered' && result.supports[wanted]) {
					return { ...result, participantId: id, candidates };
				}
				if (result.status === 'registered') firstRegistered ??= { id, result };
				if (result.status === 'unknown') firstUnknown ??= result;
			}
			const checkedAt = options.clock.now();
			if (firstUnknown !== undefined) {
				return {
					status: 'unknown',
					participantId: null,
					candidates,
					supports: none,
					smpUrl: null,
					checkedAt,
					reason: firstUnknown.reason
				};
			}
			// Registered, but not for this document type: it cannot be delivered over Peppol.
			return {
				status: 'not-registered',
				participantId: null,
				candidates,
				supports: firstRegistered?.result.supports ?? none,
				smpUrl: firstRegistered?.result.smpUrl ?? null,
				checkedAt,
				reason:
					firstRegistered === undefined
						? null
						: `${firstRegistered.id} cannot receive a ${documentType} on Peppol`
			};
		}
	};
}
