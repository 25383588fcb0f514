import { XMLParser } from 'fast-xml-parser';
import {
	AS4_TRANSPORT_PROFILE,
	BILLING_PROCESS,
	DOCUMENT_SCHEME,
	PARTICIPANT_SCHEME
} from './document-types.js';
import type { GuardedGet } from './guarded-get.js';

export type ServiceGroupAnswer =
	| { kind: 'found'; documentTypes: string[] }
	| { kind: 'absent' }
	| { kind: 'unknown'; reason: string };

export type EndpointAnswer =
	{ kind: 'found'; endpointUrl: string } | { kind: 'absent' } | { kind: 'unknown'; reason: string };

export interface SmpClient {
	serviceGroup(smpUrl: string, participantId: string): Promise<ServiceGroupAnswer>;
	endpoint(
		smpUrl: string,
		participantId: string,
		documentTypeId: string,
		now: number
	): Promise<EndpointAnswer>;
}

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	removeNSPrefix: true,
	parseTagValue: false,
	trimValues: true,
	isArray: (name) => ['ServiceMetadataReference', 'Process', 'Endpoint'].includes(name)
});

type XmlNode = Record<string, unknown>;
const node = (value: unknown): XmlNode | undefined =>
	typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as XmlNode)
		: undefined;
const nodes = (value: unknown): XmlNode[] =>
	Array.isArray(value) ? value.map(node).filter((n): n is XmlNode => n !== undefined) : [];
const text = (value: unknown): string | undefined => {
	if (typeof value === 'string') return value;
	const n = node(value);
	return typeof n?.['#text'] === 'string' ? n['#text'] : undefined;
};

export function participantPath(participantId: string): string {
	return encodeURIComponent(`${PARTICIPANT_SCHEME}::${participantId}`);
}

export function serviceMetadataPath(participantId: string, documentTypeId: string): string {
	return `${participantPath(participantId)}/services/${encodeURIComponent(`${DOCUMENT_SCHEME}::${documentTypeId}`)}`;
}

/** The document type id a ServiceMetadataReference href points at, or undefined. */
export function documentTypeOfReference(href: string): string | undefined {
	const marker = href.lastIndexOf('/services/');
	if (marker < 0) return undefined;
	let decoded: string;
	try {
		decoded = decodeURIComponent(href.slice(marker + '/services/'.length));
	} catch {
		return undefined;
	}
	const prefix = `${DOCUMENT_SCHEME}::`;
	return decoded.toLowerCase().startsWith(prefix) ? decoded.slice(prefix.length) : undefined;
}

/**
 * SMP REST (Peppol SMP 1.x): the service group lists document types, the metadata gives the AS4
 * endpoint. Every request, the SMP's own Redirect element included, goes through the guarded GET
 * and its address policy.
 */
export function createSmpClient(options: { get: GuardedGet }): SmpClient {
	const get = async (
		url: string
	): Promise<{ status: number; body: string } | { error: string }> => {
		const answer = await options.get(url);
		return answer.kind === 'response' ? answer : { error: answer.reason };
	};

	const parse = (body: string): XmlNode | undefined => {
		try {
			return node(parser.parse(body));
		} catch {
			return undefined;
		}
	};

	return {
		async serviceGroup(smpUrl, participantId) {
			const answer = await get(`${smpUrl}/${participantPath(participantId)}`);
			if ('error' in answer) return { kind: 'unknown', reason: answer.error };
			if (answer.status === 404) return { kind: 'absent' };
			if (answer.status !== 200)
				return { kind: 'unknown', reason: `SMP answered ${answer.status}` };
			const group = node(parse(answer.body)?.['ServiceGroup']);
			if (group === undefined)
				return { kind: 'unknown', reason: 'SMP answered something other than a ServiceGroup' };
			const references = nodes(
				node(group['ServiceMetadataReferenceCollection'])?.['ServiceMetadataReference']
			);
			const documentTypes = references
				.map((ref) =>
					typeof ref['@href'] === 'string' ? documentTypeOfReference(ref['@href']) : undefined
				)
				.filter((id): id is string => id !== undefined);
			return { kind: 'found', documentTypes };
		},

		async endpoint(smpUrl, participantId, documentTypeId, now) {
			let url = `${smpUrl}/${serviceMetadataPath(participantId, documentTypeId)}`;
			// An SMP may redirect to another SMP once (SMP 1.x, Redirect element).
			for (let hop = 0; hop < 2; hop++) {
				const answer = await get(url);
				if ('error' in answer) return { kind: 'unknown', reason: answer.error };
				if (answer.status === 404) return { kind: 'absent' };
				if (answer.status !== 200)
					return { kind: 'unknown', reason: `SMP answered ${answer.status}` };
				const root = parse(answer.body);
				const metadata = node(
					node(root?.['SignedServiceMetadata'])?.['ServiceMetadata'] ?? root?.['ServiceMetadata']
				);
				if (metadata === undefined)
					return { kind: 'unknown', reason: 'SMP answered something other than ServiceMetadata' };
				const redirect = node(metadata['Redirect']);
				if (redirect !== undefined) {
					if (hop > 0 || typeof redirect['@href'] !== 'string')
						return { kind: 'unknown', reason: 'SMP redirected more than once' };
					url = redirect['@href'];
					continue;
				}
				const processes = nodes(
					node(node(metadata['ServiceInformation'])?.['ProcessList'])?.['Process']
				);
				for (const process of processes) {
					if (text(process['ProcessIdentifier']) !== BILLING_PROCESS) continue;
					for (const endpoint of nodes(node(process['ServiceEndpointList'])?.['Endpoint'])) {
						if (endpoint['@transportProfile'] !== AS4_TRANSPORT_PROFILE) continue;
						if (
							!isActive(
								text(endpoint['ServiceActivationDate']),
								text(endpoint['ServiceExpirationDate']),
								now
							)
						)
							continue;
						const address = text(node(endpoint['EndpointReference'])?.['Address']);
						if (address !== undefined && address !== '')
							return { kind: 'found', endpointUrl: address };
					}
				}
				return { kind: 'absent' };
			}
			return { kind: 'unknown', reason: 'SMP redirected more than once' };
		}
	};
}

function isActive(
	activation: string | undefined,
	expiration: string | undefined,
	now: number
): boolean {
	const from = activation === undefined ? Number.NaN : Date.parse(activation);
	const until = expiration === undefined ? Number.NaN : Date.parse(expiration);
	return !(from > now) && !(until < now);
}
