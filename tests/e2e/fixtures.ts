import { test as base, expect } from '@playwright/test';
import { startViesServer, type ViesServer } from '../../relay/test/helpers/contract/vies-server';
import { startAppServer, type AppServer } from './app-server';
import { watchCsp, watchNewContexts, type CspLog } from './csp-guard';
import { startEmptySml } from './sml';
import { startSmtpSink, type SmtpSink } from './smtp';

/** The relay's invite token in e2e runs; Settings → Relay joins with it. */
export const INVITE_TOKEN = 'e2e-invite-token-0123456789';
export const RELAY_MAIL_FROM = 'no-reply@relay.billfold.test';

export const test = base.extend<
	{ cspViolations: string[] },
	{ appServer: AppServer; smtp: SmtpSink; vies: ViesServer; cspLog: CspLog }
>({
	cspLog: [
		async ({ browser }, use) => {
			const log: CspLog = { violations: [] };
			watchNewContexts(browser, log);
			await use(log);
		},
		{ scope: 'worker' }
	],
	context: async ({ context, cspLog }, use) => {
		await watchCsp(context, cspLog);
		await use(context);
	},
	// Every test runs the built app under the relay's Content-Security-Policy and fails if any
	// page, frame or worker reported a violation: the policy must never break the app.
	cspViolations: [
		async ({ cspLog }, use) => {
			cspLog.violations = [];
			await use(cspLog.violations);
			expect(cspLog.violations, 'Content-Security-Policy violations').toEqual([]);
		},
		{ auto: true }
	],
	smtp: [
		async ({}, use) => {
			const sink = await startSmtpSink();
			await use(sink);
			await sink.stop();
		},
		{ scope: 'worker' }
	],
	// The VIES register the relay's company lookup asks: never the real one from a test.
	vies: [
		async ({}, use) => {
			const server = await startViesServer();
			await use(server);
			await server.close();
		},
		{ scope: 'worker' }
	],
	appServer: [
		async ({ smtp, vies }, use) => {
			// Mail goes to the loopback SMTP sink; Peppol lookups to a DNS that knows nobody.
			const sml = await startEmptySml();
			const server = await startAppServer({
				BILLFOLD_INVITE_TOKEN: INVITE_TOKEN,
				BILLFOLD_SMTP_URL: smtp.url,
				BILLFOLD_MAIL_FROM: RELAY_MAIL_FROM,
				BILLFOLD_DNS_SERVERS: sml.server,
				BILLFOLD_DNS_TIMEOUT_MS: '2000',
				BILLFOLD_VIES_URL: vies.url
			});
			await use(server);
			await server.stop();
			await sml.stop();
		},
		{ scope: 'worker' }
	],
	baseURL: async ({ appServer }, use) => {
		await use(appServer.url);
	}
});

export { expect };
