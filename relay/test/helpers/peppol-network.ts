import http from 'node:http';
import type { AddressInfo } from 'node:net';
import dns2 from 'dns2';
import { DOCUMENT_TYPE_IDS, type PeppolDocumentType } from '../../src/peppol/document-types.js';
import { smlDnsName } from '../../src/peppol/participant-id.js';
import { participantPath, serviceMetadataPath } from '../../src/peppol/smp.js';

const NAPTR = 35;
// RFC 1035 §4.1.1 response codes.
const RCODE_SERVFAIL = 2;
const RCODE_NXDOMAIN = 3;

/** RDATA of a NAPTR record (RFC 3403 §4.1): order, preference, flags, service, regexp, replacement. */
function naptrRdata(
	order: number,
	preference: number,
	flags: string,
	service: string,
	regexp: string
): Buffer {
	const characterString = (value: string) => {
		const bytes = Buffer.from(value, 'utf8');
		return Buffer.concat([Buffer.from([bytes.length]), bytes]);
	};
	const header = Buffer.alloc(4);
	header.writeUInt16BE(order, 0);
	header.writeUInt16BE(preference, 2);
	return Buffer.concat([
		header,
		characterString(flags),
		characterString(service),
		characterString(regexp),
		Buffer.from([0])
	]);
}

export interface PeppolNetwork {
	/** "127.0.0.1:port" for BILLFOLD_DNS_SERVERS. */
	dnsServer: string;
	smpUrl: string;
	zone: string;
	register(participantId: string, documentTypes?: PeppolDocumentType[]): void;
	/** Makes the DNS server answer SERVFAIL until switched back. */
	setDnsFailing(failing: boolean): void;
	dnsQueries: string[];
	smpRequests: string[];
	close(): Promise<void>;
}

/**
 * A local SML (a DNS server, npm dns2, answering U-NAPTR per the Peppol SML spec) and a local SMP
 * (HTTP, answering ServiceGroup and SignedServiceMetadata per Peppol SMP 1.x) on loopback.
 */
export async function startPeppolNetwork(zone = 'sml.test.local'): Promise<PeppolNetwork> {
	const registry = new Map<string, PeppolDocumentType[]>();
	const dnsQueries: string[] = [];
	const smpRequests: string[] = [];
	let failing = false;

	const smp = http.createServer((req, res) => {
		const url = req.url ?? '/';
		smpRequests.push(url);
		for (const [participant, types] of registry) {
			if (url === `/${participantPath(participant)}`) {
				const references = types
					.map(
						(t) =>
							`<ServiceMetadataReference href="${smpUrl}/${serviceMetadataPath(participant, DOCUMENT_TYPE_IDS[t])}"/>`
					)
					.join('');
				res.writeHead(200, { 'content-type': 'application/xml' });
				res.end(
					`<?xml version="1.0" encoding="UTF-8"?><smp:ServiceGroup xmlns:smp="http://busdox.org/serviceMetadata/publishing/1.0/" xmlns:id="http://busdox.org/transport/identifiers/1.0/" xmlns="http://busdox.org/serviceMetadata/publishing/1.0/"><id:ParticipantIdentifier scheme="iso6523-actorid-upis">${participant}</id:ParticipantIdentifier><ServiceMetadataReferenceCollection>${references}</ServiceMetadataReferenceCollection></smp:ServiceGroup>`
				);
				return;
			}
			for (const type of types) {
				if (url === `/${serviceMetadataPath(participant, DOCUMENT_TYPE_IDS[type])}`) {
					res.writeHead(200, { 'content-type': 'application/xml' });
					res.end(
						`<?xml version="1.0" encoding="UTF-8"?><SignedServiceMetadata xmlns="http://busdox.org/serviceMetadata/publishing/1.0/" xmlns:id="http://busdox.org/transport/identifiers/1.0/" xmlns:wsa="http://www.w3.org/2005/08/addressing"><ServiceMetadata><ServiceInformation><id:ParticipantIdentifier scheme="iso6523-actorid-upis">${participant}</id:ParticipantIdentifier><id:DocumentIdentifier scheme="busdox-docid-qns">${DOCUMENT_TYPE_IDS[type]}</id:DocumentIdentifier><ProcessList><Process><id:ProcessIdentifier scheme="cenbii-procid-ubl">urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</id:ProcessIdentifier><ServiceEndpointList><Endpoint transportProfile="peppol-transport-as4-v2_0"><wsa:EndpointReference><wsa:Address>https://ap.example.test/as4</wsa:Address></wsa:EndpointReference><RequireBusinessLevelSignature>false</RequireBusinessLevelSignature><ServiceActivationDate>2020-01-01T00:00:00Z</ServiceActivationDate><ServiceExpirationDate>2099-01-01T00:00:00Z</ServiceExpirationDate><Certificate>MIIB</Certificate><ServiceDescription>Test AP</ServiceDescription><TechnicalContactUrl>https://ap.example.test</TechnicalContactUrl></Endpoint></ServiceEndpointList></Process></ProcessList></ServiceInformation></ServiceMetadata><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/></SignedServiceMetadata>`
					);
					return;
				}
			}
		}
		res.writeHead(404).end();
	});
	smp.listen(0, '127.0.0.1');
	await new Promise((resolve) => smp.once('listening', resolve));
	const smpUrl = `http://127.0.0.1:${(smp.address() as AddressInfo).port}`;

	const dns = dns2.createUDPServer((request, send) => {
		const response = dns2.Packet.createResponseFromRequest(request);
		const question = request.questions[0];
		if (failing) {
			response.header.rcode = RCODE_SERVFAIL;
			void send(response);
			return;
		}
		if (question !== undefined) dnsQueries.push(question.name.toLowerCase());
		const participant = [...registry.keys()].find(
			(p) => smlDnsName(p, zone) === question?.name.toLowerCase()
		);
		if (question === undefined || participant === undefined) {
			response.header.rcode = RCODE_NXDOMAIN;
		} else if (question.type === NAPTR) {
			response.answers.push({
				name: question.name,
				type: NAPTR,
				class: dns2.Packet.CLASS.IN,
				ttl: 60,
				data: naptrRdata(100, 10, 'U', 'Meta:SMP', `!.*!${smpUrl}!`)
			} as unknown as (typeof response.answers)[number]);
		}
		void send(response);
	});
	await dns.listen(0, '127.0.0.1');
	const dnsPort = dns.address().port;

	return {
		dnsServer: `127.0.0.1:${dnsPort}`,
		smpUrl,
		zone,
		register(participantId, documentTypes = ['invoice', 'credit-note']) {
			registry.set(participantId, documentTypes);
		},
		setDnsFailing(value) {
			failing = value;
		},
		dnsQueries,
		smpRequests,
		async close() {
			dns.close();
			await new Promise<void>((resolve) => smp.close(() => resolve()));
		}
	};
}

/** The relay environment that points discovery at this network. */
export function peppolEnv(network: PeppolNetwork): Record<string, string> {
	return {
		BILLFOLD_DNS_SERVERS: network.dnsServer,
		BILLFOLD_SML_ZONE: network.zone,
		BILLFOLD_SMP_ALLOW_HTTP: 'true'
	};
}
