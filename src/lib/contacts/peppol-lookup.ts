import type { Contact, PeppolStatus } from './contact';

/** The answer of a relay Peppol lookup, as far as the badge needs it. */
export interface PeppolAnswer {
	status: 'registered' | 'not-registered' | 'unknown';
	participantId: string | null;
	checkedAt: string;
}

export interface PeppolLookupRequest {
	buyer: { country: string; vatNumber?: string; enterpriseNumber?: string; peppolId?: string };
	/** Ask the Peppol directory again rather than the relay's cache ("check now"). */
	fresh?: boolean;
}

/** What the contacts store needs from a relay; undefined from the source means "no relay". */
export interface PeppolLookup {
	lookup(request: PeppolLookupRequest): Promise<PeppolAnswer | { error: string }>;
}
export type PeppolLookupSource = () => Promise<PeppolLookup | undefined>;

/** The part of the relay client ($lib/relay createRelayClient) a Peppol lookup uses. */
export interface RelayPeppolClient {
	lookupPeppol(
		request: PeppolLookupRequest & { documentType: 'invoice' }
	): Promise<{ ok: true; value: PeppolAnswer } | { ok: false; error: { message: string } }>;
}

/** Adapts the relay client to the lookup the contacts store uses. */
export function relayPeppolLookup(client: RelayPeppolClient): PeppolLookup {
	return {
		async lookup(request) {
			const result = await client.lookupPeppol({ ...request, documentType: 'invoice' });
			if (!result.ok) return { error: result.error.message };
			const { status, participantId, checkedAt } = result.value;
			return { status, participantId, checkedAt };
		}
	};
}

export type PeppolCheck =
	| { kind: 'checked'; status: PeppolStatus }
	| { kind: 'no-relay' }
	| { kind: 'no-identifier' }
	| { kind: 'failed'; message: string };

export function peppolRequestOf(contact: Contact): PeppolLookupRequest | undefined {
	if (contact.kind !== 'business') return undefined;
	const buyer: PeppolLookupRequest['buyer'] = { country: contact.address.countryCode };
	if (contact.vatNumber) buyer.vatNumber = contact.vatNumber;
	if (contact.enterpriseNumber && contact.address.countryCode === 'BE')
		buyer.enterpriseNumber = contact.enterpriseNumber;
	if (contact.peppolId) buyer.peppolId = contact.peppolId;
	return buyer.vatNumber || buyer.enterpriseNumber || buyer.peppolId ? { buyer } : undefined;
}
