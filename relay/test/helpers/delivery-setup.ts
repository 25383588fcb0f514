import {
	recommandOperatorEnv,
	start as startRecommand,
	type RecommandServer
} from './contract/recommand-server.js';
import { outboxOf, type Outbox } from './outbox.js';
import { peppolEnv, startPeppolNetwork, type PeppolNetwork } from './peppol-network.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';
import { startTestRelay, type TestRelay } from './test-relay.js';
import { registerWorkspace, type DeviceCredentials } from './workspace.js';

/** The Peppol id of the Belgian test buyer that `startPeppolAccessPoint` registers. */
export const REGISTERED_PARTICIPANT = '0208:0123456749';

export interface MailRelay {
	smtp: SmtpSink;
	/** A local Peppol network nobody is registered on, so every buyer is e-mailed. */
	network: PeppolNetwork;
	t: TestRelay;
	device: DeviceCredentials;
	outbox: Outbox;
	close(): Promise<void>;
}

/** A relay that e-mails from its no-reply address through a local SMTP sink, one workspace on it. */
export async function startMailRelay(): Promise<MailRelay> {
	const smtp = await startSmtpSink();
	const network = await startPeppolNetwork();
	const t = await startTestRelay({
		BILLFOLD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
		BILLFOLD_MAIL_FROM: 'no-reply@relay.example.test',
		...peppolEnv(network)
	});
	const device = await registerWorkspace(t.url);
	return {
		smtp,
		network,
		t,
		device,
		outbox: outboxOf(t, device),
		async close() {
			await t.close();
			await smtp.close();
			await network.close();
		}
	};
}

export interface PeppolAccessPoint {
	network: PeppolNetwork;
	ap: RecommandServer;
	/** The relay environment that discovers on this network and sends through this access point. */
	env: Record<string, string>;
	close(): Promise<void>;
}

/** A local Peppol network with the test buyer registered, and a Recommand access point. */
export async function startPeppolAccessPoint(): Promise<PeppolAccessPoint> {
	const network = await startPeppolNetwork();
	network.register(REGISTERED_PARTICIPANT);
	const ap = await startRecommand();
	return {
		network,
		ap,
		env: { ...peppolEnv(network), ...recommandOperatorEnv(ap) },
		close: async () => {
			await Promise.all([ap.close(), network.close()]);
		}
	};
}
