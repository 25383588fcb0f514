import type { Browser, BrowserContext } from '@playwright/test';

/** Where the current test collects the Content-Security-Policy violations its pages report. */
export interface CspLog {
	violations: string[];
}

const BINDING = '__billfoldCspViolation';
const watched = new WeakSet<BrowserContext>();

/**
 * Records every CSP violation in the context: the `securitypolicyviolation` event of each page and
 * frame (reported through a binding), and Chromium's console errors for blocked resources, which
 * also come from dedicated workers such as the PDF worker.
 */
export async function watchCsp(context: BrowserContext, log: CspLog): Promise<void> {
	if (watched.has(context)) return;
	watched.add(context);
	await context.exposeBinding(BINDING, (_source, text: string) => {
		log.violations.push(text);
	});
	await context.addInitScript((binding: string) => {
		addEventListener(
			'securitypolicyviolation',
			(event) => {
				const violation = event as SecurityPolicyViolationEvent;
				const report = (globalThis as unknown as Record<string, (text: string) => void>)[binding];
				report?.(
					`${violation.effectiveDirective} blocked ${violation.blockedURI || 'inline'} in ${violation.sourceFile}:${violation.lineNumber}`
				);
			},
			true
		);
	}, BINDING);
	context.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text()))
			log.violations.push(`console: ${message.text()}`);
	});
}

/**
 * Makes `browser.newContext` watch every context it creates, so that tests which open extra
 * contexts (two devices) are held to the policy too.
 */
export function watchNewContexts(browser: Browser, log: CspLog): void {
	const newContext = browser.newContext.bind(browser);
	browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
		const context = await newContext(...args);
		await watchCsp(context, log);
		return context;
	};
}
