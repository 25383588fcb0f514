// The worker's side of the protocol, apart from the worker global so it runs over any message
// port (a real MessageChannel in the unit spec). The rules load on the first request and stay.
import type { LazyPeppolValidator, PeppolValidator } from '$lib/peppol-rules';
import {
	describeIssues,
	rulesRequestSchema,
	type RulesRequest,
	type RulesResponse
} from './protocol';

export interface RulesServerPort {
	postMessage(message: RulesResponse): void;
	addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The browser's validator (fontoxpath on first need) or Node's (tests). */
type Validator = LazyPeppolValidator | PeppolValidator;

export function serveRules(port: RulesServerPort, load: () => Promise<Validator>): void {
	let validator: Promise<Validator> | undefined;
	const loaded = () => {
		validator ??= load();
		// A failed load is retried by the next request (the assets may have been offline).
		validator.catch(() => (validator = undefined));
		return validator;
	};
	const answer = async (request: RulesRequest): Promise<void> => {
		let rules: Validator;
		try {
			rules = await loaded();
		} catch (error) {
			port.postMessage({
				type: 'failed',
				id: request.id,
				message: `official rules could not be loaded: ${messageOf(error)}`
			});
			return;
		}
		if (request.type === 'load') {
			port.postMessage({
				type: 'loaded',
				id: request.id,
				loadMs: rules.loadMs,
				// the worker's clock starts with the worker: this is its start to ready
				phases: { ...rules.loadPhases, sinceWorkerStart: performance.now() }
			});
			return;
		}
		const started = performance.now();
		// the browser's validator may import fontoxpath first, which can fail (offline)
		const result = await rules.validate(request.xml);
		port.postMessage({ type: 'result', id: request.id, result, ms: performance.now() - started });
	};
	port.addEventListener('message', (event) => {
		const parsed = rulesRequestSchema.safeParse(event.data);
		if (!parsed.success) {
			const id = (event.data as { id?: unknown } | null)?.id;
			port.postMessage({
				type: 'failed',
				id: typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null,
				message: `official rules: bad request: ${describeIssues(parsed.error)}`
			});
			return;
		}
		const request = parsed.data;
		void answer(request).catch((error: unknown) => {
			port.postMessage({
				type: 'failed',
				id: request.id,
				message: `official rules: the check failed: ${messageOf(error)}`
			});
		});
	});
}
