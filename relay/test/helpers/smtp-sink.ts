import { EventEmitter, once } from 'node:events';
import net from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface SmtpSink {
	port: number;
	messages: ParsedMail[];
	envelopes: { from: string; to: string[] }[];
	/** Resolves when the n-th message (1-based) has arrived. */
	waitForMessages(count: number): Promise<ParsedMail[]>;
	/**
	 * While set, new connections are held open and announced here instead of being served; release
	 * turns the connection away (554), proceed serves it after all.
	 */
	holdConnections(onHeld: ((release: () => void, proceed: () => void) => void) | undefined): void;
	/** Starts serving a sink opened with `down: true`. */
	up(): void;
	close(): Promise<void>;
}

/**
 * A real SMTP server (npm smtp-server) that parses every message with mailparser. It listens on
 * a port of its own from the start (port 0), so no other test can take that port in between;
 * with `down: true` it drops every connection before the greeting, as an unreachable mail
 * server does, until up().
 */
export async function startSmtpSink(options: { down?: boolean } = {}): Promise<SmtpSink> {
	let down = options.down === true;
	const events = new EventEmitter();
	const messages: ParsedMail[] = [];
	const envelopes: { from: string; to: string[] }[] = [];
	let hold: ((release: () => void, proceed: () => void) => void) | undefined;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		size: 64 * 1024 * 1024,
		onConnect(_session: SMTPServerSession, callback: (error?: Error) => void) {
			if (hold === undefined) return callback();
			hold(
				() => callback(new Error('connection released')),
				() => callback()
			);
		},
		onData(stream, session, callback) {
			simpleParser(stream)
				.then((mail) => {
					messages.push(mail);
					envelopes.push({
						from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
						to: session.envelope.rcptTo.map((r) => r.address)
					});
					events.emit('message');
					callback();
				})
				.catch((error: Error) => callback(error));
		}
	});
	server.on('error', () => undefined);
	// The listening socket is ours; smtp-server serves the connections handed to its own server.
	const listener = net.createServer((socket) => {
		if (down) socket.destroy();
		else server.server.emit('connection', socket);
	});
	listener.listen(0, '127.0.0.1');
	await once(listener, 'listening');
	const address = listener.address();
	if (address === null || typeof address === 'string') throw new Error('smtp sink has no port');
	return {
		port: address.port,
		messages,
		envelopes,
		waitForMessages(count) {
			if (messages.length >= count) return Promise.resolve(messages.slice(0, count));
			return new Promise((resolve) => {
				const check = () => {
					if (messages.length >= count) {
						events.off('message', check);
						resolve(messages.slice(0, count));
					}
				};
				events.on('message', check);
			});
		},
		holdConnections(onHeld) {
			hold = onHeld;
		},
		up() {
			down = false;
		},
		async close() {
			listener.close();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}
