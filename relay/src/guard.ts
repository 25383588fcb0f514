import { errorKind, type Logger, type LogFields } from './log.js';

/**
 * Wraps a listener or timer callback so that nothing it throws, synchronously or as a rejected
 * promise, can reach the event loop: an uncaught error there would end the whole relay. The error
 * is logged by kind (never its message, which may quote content), then `recover` runs, e.g. to
 * destroy the socket the callback was serving.
 */
export function guard<A extends unknown[]>(
	log: Logger,
	event: string,
	callback: (...args: A) => void | Promise<void>,
	options: { fields?: LogFields; recover?: (...args: A) => void } = {}
): (...args: A) => void {
	const failed = (args: A, error: unknown): void => {
		log.error(event, { ...options.fields, error: errorKind(error) });
		try {
			options.recover?.(...args);
		} catch (recoverError) {
			log.error(event, { ...options.fields, error: errorKind(recoverError), during: 'recover' });
		}
	};
	return (...args: A): void => {
		try {
			const result = callback(...args);
			if (result instanceof Promise) result.catch((error: unknown) => failed(args, error));
		} catch (error) {
			failed(args, error);
		}
	};
}
