import http from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import dns2 from 'dns2';
import { DOCUMENT_TYPE_IDS, type PeppolDocumentType } from '../../src/peppol/document-types.js';
import { smlDnsName } from '../../src/peppol/participant-id.js';
import { participantPath, serviceMetadataPath } from '../../src/peppol/smp.js';

const A = 1;
const AAAA = 28;
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
	/** Removes a participant from the SML and SMP (an access point unregistered it). */
	unregister(participantId: string): void;
	/** Makes the SML point the participant at any SMP address (the regexp's replacement). */
	pointAt(participantId: string, smpUrl: string): void;
	/** A registered participant whose invoice metadata is an SMP Redirect element to `href`. */
	redirectMetadata(participantId: string, href: string): void;
	/** A registered participant whose service group answers HTTP 302 to `location`. */
	redirectHttp(participantId: string, location: string): void;
	/**
	 * A and AAAA answers for a host name. The n-th query of a type gets the n-th answer list (the
	 * last one repeats), so a test can change the answer between two lookups.
	 */
	setHost(name: string, ...answers: string[][]): void;
	/** A and AAAA queries per host name, in order. */
	hostQueries: { name: string; type: 'A' | 'AAAA' }[];
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
export async function startPeppolNetwork(
	options: { zone?: string; smpHost?: string; smpPort?: number } = {}
): Promise<PeppolNetwork> {
	const zone = options.zone ?? 'sml.test.local';
	const registry = new Map<string, PeppolDocumentType[]>();
	const naptrTargets = new Map<string, string>();
	const metadataRedirects = new Map<string, string>();
	const httpRedirects = new Map<string, string>();
	const hosts = new Map<string, string[][]>();
	const dnsQueries: string[] = [];
	const hostQueries: PeppolNetwork['hostQueries'] = [];
	const smpRequests: string[] = [];
	let failing = false;

	const smp = http.createServer((req, res) => {
		const url = req.url ?? '/';
		smpRequests.push(url);
		for (const [participant, location] of httpRedirects) {
			if (url === `/${participantPath(participant)}`) {
				res.writeHead(302, { location }).end();
				return;
			}
		}
		for (const [participant, href] of metadataRedirects) {
			if (url === `/${serviceMetadataPath(participant, DOCUMENT_TYPE_IDS.invoice)}`) {
				res.writeHead(200, { 'content-type': 'application/xml' });
				res.end(
					`<?xml version="1.0" encoding="UTF-8"?><SignedServiceMetadata xmlns="http://busdox.org/serviceMetadata/publishing/1.0/"><ServiceMetadata><Redirect href="${href}"><CertificateUID>CN=other SMP</CertificateUID></Redirect></ServiceMetadata></SignedServiceMetadata>`
				);
				return;
			}
		}
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
	const smpHost = options.smpHost ?? '127.0.0.1';
	smp.listen(options.smpPort ?? 0, smpHost);
	await new Promise((resolve) => smp.once('listening', resolve));
	const smpUrl = `http://${smpHost}:${(smp.address() as AddressInfo).port}`;

	const dns = dns2.createUDPServer((request, send) => {
		const response = dns2.Packet.createResponseFromRequest(request);
		const question = request.questions[0];
		if (failing) {
			response.header.rcode = RCODE_SERVFAIL;
			void send(response);
			return;
		}
		const name = question?.name.toLowerCase() ?? '';
		const hostAnswers = hosts.get(name);
		if (question !== undefined && hostAnswers !== undefined) {
			if (question.type === A || question.type === AAAA) {
				const type = question.type === A ? 'A' : 'AAAA';
				const asked = hostQueries.filter((q) => q.name === name && q.type === type).length;
				hostQueries.push({ name, type });
				const addresses = hostAnswers[Math.min(asked, hostAnswers.length - 1)] ?? [];
				for (const address of addresses.filter((a) => isIP(a) === (type === 'A' ? 4 : 6))) {
					response.answers.push({
						name: question.name,
						type: question.type,
						class: dns2.Packet.CLASS.IN,
						ttl: 0,
						address
					} as unknown as (typeof response.answers)[number]);
				}
			}
			void send(response);
			return;
		}
		if (question !== undefined) dnsQueries.push(name);
		const participant = [...new Set([...registry.keys(), ...naptrTargets.keys()])].find(
			(p) => smlDnsName(p, zone) === name
		);
		if (question === undefined || participant === undefined) {
			response.header.rcode = RCODE_NXDOMAIN;
		} else if (question.type === NAPTR) {
			const target = naptrTargets.get(participant) ?? smpUrl;
			response.answers.push({
				name: question.name,
				type: NAPTR,
				class: dns2.Packet.CLASS.IN,
				ttl: 60,
				data: naptrRdata(100, 10, 'U', 'Meta:SMP', `!.*!${target}!`)
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
		unregister(participantId) {
			registry.delete(participantId);
		},
		pointAt(participantId, target) {
			naptrTargets.set(participantId, target);
		},
		redirectMetadata(participantId, href) {
			registry.set(participantId, ['invoice']);
			metadataRedirects.set(participantId, href);
		},
		redirectHttp(participantId, location) {
			registry.set(participantId, ['invoice']);
			httpRedirects.set(participantId, location);
		},
		setHost(hostName, ...answers) {
			hosts.set(hostName.toLowerCase(), answers);
		},
		hostQueries,
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

/**
 * The relay environment that points discovery at this network. Its SMP is on loopback, so the
 * relay must be told to reach private addresses; `smpOnly` allows the SMP's own address and no
 * other (the SSRF tests), otherwise every private address is allowed.
 */
export function peppolEnv(
	network: PeppolNetwork,
	options: { smpOnly?: boolean } = {}
): Record<string, string> {
	return {
		BILLFOLD_DNS_SERVERS: network.dnsServer,
		BILLFOLD_SML_ZONE: network.zone,
		BILLFOLD_SMP_ALLOW_HTTP: 'true',
		BILLFOLD_SMP_ALLOW_PRIVATE_ADDRESSES:
			options.smpOnly === true ? new URL(network.smpUrl).hostname : 'true'
	};
}
