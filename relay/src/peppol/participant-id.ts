import { createHash } from 'node:crypto';
import { base32 } from 'rfc4648';
import { PARTICIPANT_SCHEME } from './document-types.js';

export interface BuyerIdentifiers {
	country: string;
	vatNumber?: string | undefined;
	enterpriseNumber?: string | undefined;
	peppolId?: string | undefined;
}

/**
 * The participant ids to try, in order: an explicit Peppol id first; for Belgian buyers the
 * enterprise number under 0208 (the registration BOSA requires), then the VAT number under 9925.
 */
export function participantCandidates(buyer: BuyerIdentifiers): string[] {
	const candidates: string[] = [];
	if (buyer.peppolId !== undefined) candidates.push(buyer.peppolId);
	const belgianVat =
		buyer.vatNumber !== undefined && /^BE[01]\d{9}$/.test(buyer.vatNumber)
			? buyer.vatNumber.slice(2)
			: undefined;
	const enterpriseNumber =
		buyer.country === 'BE' ? (buyer.enterpriseNumber ?? belgianVat) : belgianVat;
	if (enterpriseNumber !== undefined) {
		candidates.push(`0208:${enterpriseNumber}`, `9925:BE${enterpriseNumber}`);
	}
	const seen = new Set<string>();
	return candidates.filter((id) => {
		const key = id.toLowerCase();
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** U-NAPTR name (Peppol Policy for use of Identifiers 4.4.0): base32 of SHA-256 of the lowercased value. */
export function smlDnsName(participantValue: string, zone: string): string {
	const digest = createHash('sha256').update(participantValue.toLowerCase(), 'utf8').digest();
	const hash = base32.stringify(digest, { pad: false }).toLowerCase();
	return `${hash}.${PARTICIPANT_SCHEME}.${zone}`;
}
