import type { PeppolNetwork } from './peppol-network.js';
import type { Fault } from './contract/contract-http.js';
import {
	letsPeppolAccount,
	letsPeppolUrlEnv,
	start as startLetsPeppol
} from './contract/letspeppol-server.js';
import {
	recommandAccount,
	recommandUrlEnv,
	start as startRecommand
} from './contract/recommand-server.js';

/**
 * One provider's contract server seen through what the relay tests need, so each behaviour is
 * written once and run against both providers.
 */
export interface ProviderUnderTest {
	id: 'recommand' | 'letspeppol';
	name: string;
	env: Record<string, string>;
	/** The credentials of account `index` (as the app sends them). */
	credentials(index?: number): Record<string, string>;
	/** Wrong credentials, and the credential field the relay must name. */
	badCredentials: { credentials: Record<string, string>; field: string };
	/** The account's own participant id (what it registers and sends as). */
	ownId(index?: number): string;
	/** The route a connection test calls first, for faults. */
	connectRoute: string;
	sendRoute: string;
	/** A 5xx as this provider words it. */
	serverError: Fault;
	/**
	 * An answer that may be temporary or permanent (Recommand's 422 "could not send over Peppol",
	 * Let's Peppol's 500 "Unexpected error"): retried, but only a few times.
	 */
	unsure: Fault;
	/** A 4xx refusal of a send, as this provider words it, and what the job must quote. */
	refusal: { fault: Fault; quoted: RegExp };
	sentCount(): number;
	/** The UBL of every document the provider sent. */
	sentUbl(): string[];
	fail(route: string, ...faults: Fault[]): void;
	holdElsewhere(participantId: string): void;
	/** A document received over Peppol for account 0 (its inbox); returns the provider's id. */
	receive(sender: string, ubl: string): string;
	/** The provider ids the relay acknowledged, in order. */
	acknowledged(): string[];
	/** The routes the adapter fetches one received document and acknowledges it on. */
	inboxDocumentRoute: string;
	/** The provider stops accepting the account's credentials (revoked key, changed password). */
	revokeCredentials(): void;
	close(): Promise<void>;
}

const publish = (network: PeppolNetwork) => (id: string, registered: boolean) =>
	registered ? network.register(id) : network.unregister(id);

export async function startProvider(
	id: 'recommand' | 'letspeppol',
	network: PeppolNetwork,
	enterpriseNumbers: string[] = ['0987654321']
): Promise<ProviderUnderTest> {
	if (id === 'recommand') {
		const server = await startRecommand({
			accounts: enterpriseNumbers.map((n, i) => recommandAccount(String(i + 1), n)),
			onRegistration: publish(network)
		});
		const account = (index = 0) => {
			const found = server.accounts[index];
			if (found === undefined) throw new Error(`no account ${index}`);
			return found;
		};
		return {
			id,
			name: 'Recommand',
			env: recommandUrlEnv(server),
			credentials: (index) => ({
				apiKey: account(index).apiKey,
				apiSecret: account(index).apiSecret,
				companyId: account(index).company.id
			}),
			badCredentials: {
				credentials: {
					apiKey: account().apiKey,
					apiSecret: 'wrong',
					companyId: account().company.id
				},
				field: 'credentials.apiKey'
			},
			ownId: (index) => `0208:${account(index).company.enterpriseNumber}`,
			connectRoute: 'company',
			sendRoute: 'send',
			serverError: {
				kind: 'status',
				status: 500,
				body: { success: false, errors: { general: ['Internal server error'] } }
			},
			unsure: {
				kind: 'status',
				status: 422,
				body: {
					success: false,
					errors: {
						general: [
							'Failed to send document over Peppol network. Receiving access point unavailable.'
						]
					}
				}
			},
			refusal: {
				fault: {
					kind: 'status',
					status: 400,
					body: {
						success: false,
						errors: { general: ['Invalid invoice data provided. Missing buyer reference.'] }
					}
				},
				quoted: /Recommand said: “Invalid invoice data provided\. Missing buyer reference\.”/
			},
			sentCount: () => server.sent.length,
			sentUbl: () => server.sent.map((d) => d.xml),
			fail: (route, ...faults) => server.fail(route, ...faults),
			holdElsewhere: (participantId) => server.registeredElsewhere.add(participantId),
			receive: (sender, xml) => server.receive({ sender, xml }),
			acknowledged: () => [...server.acknowledged],
			inboxDocumentRoute: 'documents',
			revokeCredentials: () => {
				account().apiSecret = `revoked-${account().apiSecret}`;
			},
			close: server.close
		};
	}
	const server = await startLetsPeppol({
		accounts: enterpriseNumbers.map((n, i) => letsPeppolAccount(String(i + 1), n)),
		onRegistration: publish(network)
	});
	const account = (index = 0) => {
		const found = server.accounts[index];
		if (found === undefined) throw new Error(`no account ${index}`);
		return found;
	};
	return {
		id,
		name: 'Let’s Peppol',
		env: letsPeppolUrlEnv(server),
		credentials: (index) => ({ email: account(index).email, password: account(index).password }),
		badCredentials: {
			credentials: { email: account().email, password: 'wrong' },
			field: 'credentials.password'
		},
		ownId: (index) => account(index).peppolId,
		connectRoute: 'login',
		sendRoute: 'send',
		serverError: { kind: 'status', status: 500, body: { message: 'Unexpected error' } },
		unsure: { kind: 'status', status: 500, body: { message: 'Unexpected error' } },
		refusal: {
			fault: { kind: 'status', status: 403, body: { message: 'Peppol ID not the owner' } },
			quoted: /Let’s Peppol said: “Peppol ID not the owner”/
		},
		sentCount: () => server.sent.length,
		sentUbl: () => server.sent.map((d) => d.ubl),
		fail: (route, ...faults) => server.fail(route, ...faults),
		holdElsewhere: (participantId) => server.registeredElsewhere.set(participantId, 'scrada.be'),
		receive: (sender, ubl) => server.receive({ sender, ubl }),
		acknowledged: () => [...server.acknowledged],
		inboxDocumentRoute: 'status',
		revokeCredentials: () => {
			account().password = `changed-${account().password}`;
			server.expireTokens();
		},
		close: server.close
	};
}

/** Relay settings for provider tests: short timeouts and a fast status poll, on loopback. */
export const PROVIDER_TEST_ENV = {
	// Long enough for a contract server on a loaded machine (400 ms timed out under load 28),
	// short enough that the tests of a hanging provider still finish quickly.
	BILLFOLD_ACCESS_POINT_TIMEOUT_MS: '3000',
	BILLFOLD_ACCESS_POINT_POLL_MS: '10',
	BILLFOLD_ACCESS_POINT_FOLLOW_MS: '5000'
};
