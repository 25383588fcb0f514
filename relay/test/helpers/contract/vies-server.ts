import {
	startContractHttp,
	type ContractReply,
	type ContractRequest,
	type Fault
} from './contract-http.js';

/**
 * The VIES REST API as the European Commission documents it (VIES technical information page,
 * https://ec.europa.eu/taxation_customs/vies/#/technical-information, and its OpenAPI
 * description): GET /ms/{countryCode}/vat/{vatNumber} answers 200 {isValid, requestDate,
 * userError, name, address, requestIdentifier, originalVatNumber, vatNumber, viesApproximate},
 * userError VALID or INVALID, "---" for what a member state does not publish; failures either as
 * 200 with isValid false and the code in userError, or as a CommonResponse {actionSucceed: false,
 * errorWrappers: [{error, message}]} with an error status.
 */

export const VIES_ERROR_CODES = [
	'INVALID_INPUT',
	'SERVICE_UNAVAILABLE',
	'MS_UNAVAILABLE',
	'TIMEOUT',
	'VAT_BLOCKED',
	'IP_BLOCKED',
	'GLOBAL_MAX_CONCURRENT_REQ',
	'GLOBAL_MAX_CONCURRENT_REQ_TIME',
	'MS_MAX_CONCURRENT_REQ',
	'MS_MAX_CONCURRENT_REQ_TIME'
] as const;
export type ViesErrorCode = (typeof VIES_ERROR_CODES)[number];

export interface ViesCompany {
	name: string;
	address: string;
}

/** What the next lookups get instead of the register's answer. */
export type ViesFault =
	| Fault
	/** 200 with isValid false and the code in userError (how VIES reports a member state down). */
	| { kind: 'user-error'; code: ViesErrorCode }
	/** The CommonResponse with an HTTP error status. */
	| { kind: 'common-error'; code: ViesErrorCode; status?: number };

export interface ViesServer {
	/** The base URL for BILLFOLD_VIES_URL. */
	url: string;
	/** Registers a VAT number ("BE0417497106") with the register's name and address text. */
	register(vatNumber: string, company: ViesCompany): void;
	/** Every member state named here answers MS_UNAVAILABLE until `up` is called. */
	down(countryCode: string): void;
	up(countryCode: string): void;
	/** Queues faults for the next lookups, in order. */
	fail(...faults: ViesFault[]): void;
	/** The VAT numbers asked, in order ("BE0417497106"). */
	requests: string[];
	close(): Promise<void>;
}

const COMMON_ERROR_MESSAGES: Readonly<Record<ViesErrorCode, string>> = {
	INVALID_INPUT: 'The provided CountryCode is invalid or the VAT number is empty',
	SERVICE_UNAVAILABLE:
		'An error was encountered either at the network level or the Web application level',
	MS_UNAVAILABLE: 'The application at the Member State is not replying or not available',
	TIMEOUT: 'The application did not receive a reply within the allocated time period',
	VAT_BLOCKED: 'The VAT number is blocked',
	IP_BLOCKED: 'The IP address is blocked',
	GLOBAL_MAX_CONCURRENT_REQ:
		'Your Request for VAT validation has not been processed; the maximum number of concurrent requests has been reached',
	GLOBAL_MAX_CONCURRENT_REQ_TIME:
		'Your Request for VAT validation has not been processed; the maximum number of requests per second has been reached',
	MS_MAX_CONCURRENT_REQ:
		'Your Request for VAT validation has not been processed; the maximum number of concurrent requests for this Member State has been reached',
	MS_MAX_CONCURRENT_REQ_TIME:
		'Your Request for VAT validation has not been processed; the maximum number of requests per second for this Member State has been reached'
};

export async function startViesServer(): Promise<ViesServer> {
	const companies = new Map<string, ViesCompany>();
	const downCountries = new Set<string>();
	const requests: string[] = [];
	const viesFaults: ViesFault[] = [];
	const requestDate = () => new Date().toISOString().replace(/\.\d+Z$/, '.000Z');

	const check = (countryCode: string, vatNumber: string): ContractReply => {
		const known = companies.get(`${countryCode}${vatNumber}`);
		return {
			status: 200,
			json: {
				isValid: known !== undefined,
				requestDate: requestDate(),
				userError: known === undefined ? 'INVALID' : 'VALID',
				name: known?.name ?? '---',
				address: known?.address ?? '---',
				requestIdentifier: '',
				originalVatNumber: vatNumber,
				vatNumber,
				viesApproximate: {
					name: '---',
					street: '---',
					postalCode: '---',
					city: '---',
					companyType: '---',
					matchName: 3,
					matchStreet: 3,
					matchPostalCode: 3,
					matchCity: 3,
					matchCompanyType: 3
				}
			}
		};
	};
	const userError = (vatNumber: string, code: ViesErrorCode): ContractReply => ({
		status: 200,
		json: {
			isValid: false,
			requestDate: requestDate(),
			userError: code,
			name: '---',
			address: '---',
			vatNumber
		}
	});
	const commonError = (code: ViesErrorCode, status = code === 'INVALID_INPUT' ? 400 : 500) => ({
		status,
		json: {
			actionSucceed: false,
			errorWrappers: [{ error: code, message: COMMON_ERROR_MESSAGES[code] }]
		}
	});

	const server = await startContractHttp({
		route: () => 'check',
		nextFault: () => {
			// contract-http answers its own kinds of fault; VIES's own are answered by handle.
			const next = viesFaults[0];
			if (next === undefined || next.kind === 'user-error' || next.kind === 'common-error')
				return undefined;
			viesFaults.shift();
			return next;
		},
		handle: (request: ContractRequest): ContractReply => {
			const match = /^\/ms\/([^/]+)\/vat\/([^/]+)$/.exec(request.path);
			if (request.method !== 'GET' || match === null)
				return { status: 404, text: 'Not Found', contentType: 'text/plain' };
			const countryCode = decodeURIComponent(match[1] ?? '');
			const vatNumber = decodeURIComponent(match[2] ?? '');
			requests.push(`${countryCode}${vatNumber}`);
			const fault = viesFaults[0];
			if (fault?.kind === 'user-error' || fault?.kind === 'common-error') {
				viesFaults.shift();
				return fault.kind === 'user-error'
					? userError(vatNumber, fault.code)
					: commonError(fault.code, fault.status);
			}
			if (!/^[A-Z]{2}$/.test(countryCode) || !/^[0-9A-Za-z+*]{2,12}$/.test(vatNumber))
				return commonError('INVALID_INPUT');
			if (downCountries.has(countryCode)) return userError(vatNumber, 'MS_UNAVAILABLE');
			return check(countryCode, vatNumber);
		}
	});

	return {
		url: server.url,
		register(vatNumber, company) {
			companies.set(vatNumber.toUpperCase(), company);
		},
		down: (countryCode) => void downCountries.add(countryCode),
		up: (countryCode) => void downCountries.delete(countryCode),
		fail: (...added) => void viesFaults.push(...added),
		requests,
		close: () => server.close()
	};
}
