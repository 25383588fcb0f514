import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
	url: string;
	messages: ParsedMail[];
	/** Resolves with the first message (already received or still to come) that matches. */
	waitFor(match: (mail: ParsedMail) => boolean): Promise<ParsedMail>;
	stop(): Promise<void>;
}

/** A real SMTP server on loopback port 0 that parses every message it accepts. */
export async function startSmtpSink(): Promise<SmtpSink> {
	const messages: ParsedMail[] = [];
	const waiters: { match: (mail: ParsedMail) => boolean; resolve: (mail: ParsedMail) => void }[] =
		[];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then((mail) => {
					messages.push(mail);
					for (const waiter of [...waiters]) {
						if (waiter.match(mail)) {
							waiters.splice(waiters.indexOf(waiter), 1);
							waiter.resolve(mail);
						}
					}
					callback();
				})
				.catch((error: Error) => callback(error));
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const address = server.server.address();
	if (address === null || typeof address === 'string') throw new Error('SMTP sink has no port');
	return {
		url: `smtp://127.0.0.1:${address.port}`,
		messages,
		waitFor(match) {
			const found = messages.find(match);
			if (found) return Promise.resolve(found);
			return new Promise((resolve) => waiters.push({ match, resolve }));
		},
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
