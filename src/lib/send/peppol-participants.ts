import { formatPeppolId, isValidVatNumber, peppolIdCandidates } from '$lib/contacts';
import type { SellerProfile } from '$lib/document';

export type SellerPeppolFields = Pick<
	SellerProfile,
	'enterpriseNumber' | 'vatNumber' | 'peppolId' | 'smallBusinessExemption' | 'address'
>;

export interface SellerParticipants {
	/** What to register at the provider, in the order the UBL prefers them (its endpoint first). */
	ids: string[];
	/** Why there is nothing to register: the profile lacks a (valid) enterprise number. */
	missingEnterpriseNumber: boolean;
}

/**
 * The participant ids a seller receives invoices under: `0208:<enterprise number>` (BOSA
 * registers Belgian companies under 0208), and `9925:BE<number>` for a VAT-registered seller
 * where the provider registers that scheme; an id the seller typed in their profile comes
 * first, as the UBL names it as the seller's endpoint. Only schemes the provider registers.
 */
export function sellerParticipantIds(
	profile: SellerPeppolFields | undefined,
	registersSchemes: readonly string[]
): SellerParticipants {
	if (!profile) return { ids: [], missingEnterpriseNumber: true };
	const vatRegistered =
		!profile.smallBusinessExemption &&
		profile.vatNumber !== undefined &&
		isValidVatNumber(profile.vatNumber);
	const candidates = peppolIdCandidates({
		countryCode: profile.address?.countryCode ?? 'BE',
		enterpriseNumber: profile.enterpriseNumber || undefined,
		vatNumber: vatRegistered ? profile.vatNumber : undefined,
		peppolId: profile.peppolId
	});
	const derived = candidates.filter(
		(id) => id.scheme !== '9925' || vatRegistered || profile.peppolId === formatPeppolId(id)
	);
	const ids = derived
		.filter((id) => registersSchemes.includes(id.scheme))
		.map((id) => formatPeppolId(id));
	return {
		ids,
		missingEnterpriseNumber: !candidates.some((id) => id.scheme === '0208')
	};
}
