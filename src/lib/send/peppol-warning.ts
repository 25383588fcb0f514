import type { PeppolStatus } from '$lib/contacts';
import type { BuyerSnapshot } from '$lib/document';

/**
 * Whether sending needs the Belgian B2B warning: since 1 January 2026 a Belgian VAT-registered
 * business must receive a structured e-invoice (Peppol); an e-mailed PDF is not a valid invoice.
 * True for such a buyer unless the contact's last lookup found them on Peppol.
 */
export function needsPeppolWarning(
	buyer: Pick<BuyerSnapshot, 'kind' | 'vatNumber' | 'address'> | undefined,
	status: PeppolStatus | undefined
): boolean {
	if (!buyer || buyer.kind !== 'business') return false;
	const belgian = buyer.address.countryCode === 'BE';
	const vatRegistered = buyer.vatNumber?.startsWith('BE') ?? false;
	return belgian && vatRegistered && status?.registered !== true;
}

/**
 * Whether the invoice should go over Peppol: the buyer is on Peppol (an id of its own, or the last
 * lookup found it), or is a Belgian VAT-registered business. Without an access point such an
 * invoice waits for a connection or for the user's explicit choice of e-mail.
 */
export function expectsPeppol(
	buyer: Pick<BuyerSnapshot, 'kind' | 'vatNumber' | 'address' | 'peppolId'> | undefined,
	status: PeppolStatus | undefined
): boolean {
	if (!buyer) return false;
	if (buyer.peppolId || status?.registered === true) return true;
	return needsPeppolWarning(buyer, undefined);
}

/** The relay's warning codes the app explains in the user's language; others show the relay's text. */
export const KNOWN_SEND_WARNINGS = [
	'be-b2b-not-on-peppol',
	'be-b2b-email-chosen',
	'email-chosen-no-access-point'
] as const;

/** Recorded on a send the user chose to e-mail because no access point is connected. */
export const EMAIL_CHOSEN_WARNING = {
	code: 'email-chosen-no-access-point',
	message:
		'E-mailed at your choice: the buyer should be reached over Peppol, but no access point was connected.'
} as const;
export type KnownSendWarning = (typeof KNOWN_SEND_WARNINGS)[number];

export function isKnownSendWarning(code: string): code is KnownSendWarning {
	return (KNOWN_SEND_WARNINGS as readonly string[]).includes(code);
}
