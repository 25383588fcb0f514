import { isUblDocumentType, type AcceptedSendRequest } from '../protocol/index.js';
import type { ResolvedAccessPoint } from '../access-point/connections.js';
import type { PeppolDiscovery } from '../peppol/discovery.js';
import type { JobWarning } from '../storage/storage.js';
import { DeliveryError } from './delivery-error.js';

export type Route =
	| { channel: 'peppol'; recipient: string; warnings: JobWarning[]; via: ResolvedAccessPoint }
	| { channel: 'email'; recipient: null; warnings: JobWarning[] };

const NO_ACCESS_POINT =
	'The buyer is registered on Peppol, but this workspace has no Peppol access point: connect one under Settings → Peppol, or choose to send this invoice by e-mail (since 1 January 2026 that is not a valid B2B invoice in Belgium).';

/** Belgian VAT-registered businesses must receive structured e-invoices since 1 January 2026. */
export function isBelgianVatBusiness(buyer: AcceptedSendRequest['buyer']): boolean {
	return (
		buyer.country === 'BE' &&
		buyer.isBusiness &&
		buyer.vatNumber !== undefined &&
		/^BE[01]\d{9}$/.test(buyer.vatNumber)
	);
}

function emailComplianceWarning(request: AcceptedSendRequest, chosen: boolean): JobWarning[] {
	if (!isBelgianVatBusiness(request.buyer)) return [];
	return [
		chosen
			? {
					code: 'be-b2b-email-chosen',
					message:
						'Sent by e-mail as requested. Since 1 January 2026 a PDF sent by e-mail is not a valid B2B invoice for a Belgian VAT-registered buyer; send it over Peppol.'
				}
			: {
					code: 'be-b2b-not-on-peppol',
					message:
						'The buyer is a Belgian VAT-registered business that is not on Peppol, so the invoice was e-mailed. Since 1 January 2026 a PDF by e-mail is not a valid B2B invoice in Belgium; ask the buyer to register on Peppol.'
				}
	];
}

/**
 * Peppol when the buyer can receive this document type there, otherwise e-mail. An unknown
 * lookup is retried, and a registered buyer without an access point (the workspace's own or the
 * operator's default) is a clear, typed, permanent failure: never a silent switch to e-mail.
 * E-mail to such a buyer happens only when the request chose it (channel 'email', recorded with
 * a warning on the job).
 */
export async function routeDelivery(
	request: AcceptedSendRequest,
	discovery: PeppolDiscovery,
	accessPoint: ResolvedAccessPoint | undefined
): Promise<Route> {
	if (request.channel === 'email' || !isUblDocumentType(request.documentType))
		return {
			channel: 'email',
			recipient: null,
			// The B2B e-invoicing warning is about invoices; a quote or a reminder is not one.
			warnings: isUblDocumentType(request.documentType) ? emailComplianceWarning(request, true) : []
		};
	const lookup = await discovery.lookup(request.buyer, request.documentType);
	if (lookup.status === 'unknown') {
		throw new DeliveryError(
			`Could not find out whether the buyer is on Peppol: ${lookup.reason ?? 'lookup failed'}.`,
			true
		);
	}
	if (lookup.status === 'registered' && lookup.participantId !== null) {
		if (accessPoint === undefined)
			throw new DeliveryError(NO_ACCESS_POINT, false, 'peppol-not-connected');
		return { channel: 'peppol', recipient: lookup.participantId, warnings: [], via: accessPoint };
	}
	if (request.channel === 'peppol') {
		const tried =
			lookup.candidates.length > 0 ? lookup.candidates.join(', ') : 'no Peppol identifier given';
		throw new DeliveryError(
			`The buyer is not registered on Peppol for this document type (${tried}).`,
			false
		);
	}
	if (request.email === undefined) {
		throw new DeliveryError(
			'The buyer is not on Peppol and the request has no e-mail address to fall back to.',
			false
		);
	}
	return { channel: 'email', recipient: null, warnings: emailComplianceWarning(request, false) };
}
