import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Clock } from '../clock.js';
import { DeliveryError } from '../outbox/delivery-error.js';
import type { MailPreviewStore } from '../storage/storage.js';

export interface MailContext {
	workspaceId: string;
	jobId: string;
	invoiceId: string;
}

export interface MailTransport {
	readonly mode: 'smtp' | 'preview';
	deliver(mail: Mail.Options, context: MailContext): Promise<{ messageId: string }>;
	close(): void;
}

const transientCodes = new Set([
	'ECONNECTION',
	'ETIMEDOUT',
	'ESOCKET',
	'EDNS',
	'ECONNREFUSED',
	'ECONNRESET',
	'EPROTOCOL',
	'ETLS'
]);

/** SMTP replies: 4xx is "try later", 5xx is final; connection-level failures are transient. */
export function classifySmtpError(error: unknown): DeliveryError {
	const e = error as { code?: unknown; responseCode?: unknown; response?: unknown };
	const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
	const reply = typeof e.response === 'string' ? e.response.slice(0, 300) : undefined;
	if (responseCode !== undefined) {
		const text = `The mail server answered ${reply ?? responseCode}.`;
		return new DeliveryError(text, responseCode < 500);
	}
	const code = typeof e.code === 'string' ? e.code : 'EUNKNOWN';
	if (code === 'EAUTH')
		return new DeliveryError(
			'The relay could not log in to its mail server (SMTP authentication failed).',
			false
		);
	if (code === 'EENVELOPE')
		return new DeliveryError('The mail server refused the recipients.', false);
	if (transientCodes.has(code))
		return new DeliveryError(`The mail server is unreachable (${code}).`, true);
	return new DeliveryError(`Sending the e-mail failed (${code}).`, true);
}

export function createSmtpTransport(url: string, timeoutMs: number): MailTransport {
	const parsed = new URL(url);
	const transporter = nodemailer.createTransport({
		host: parsed.hostname.replace(/^\[|\]$/g, ''),
		port: parsed.port === '' ? (parsed.protocol === 'smtps:' ? 465 : 587) : Number(parsed.port),
		secure: parsed.protocol === 'smtps:',
		auth:
			parsed.username === ''
				? undefined
				: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
		connectionTimeout: timeoutMs,
		greetingTimeout: timeoutMs,
		socketTimeout: timeoutMs
	});
	return {
		mode: 'smtp',
		async deliver(mail) {
			let info: { messageId: string; rejected: unknown[] };
			try {
				info = (await transporter.sendMail(mail)) as { messageId: string; rejected: unknown[] };
			} catch (error) {
				throw classifySmtpError(error);
			}
			if (info.rejected.length > 0)
				throw new DeliveryError('The mail server refused some recipients.', false);
			return { messageId: info.messageId };
		},
		close: () => transporter.close()
	};
}

/**
 * Without SMTP, messages become .eml files in <data>/mail-preview/<workspace>/ and are listed at
 * GET /api/v1/workspaces/:id/mail-previews, so a self-hoster can see exactly what would be sent.
 */
export function createPreviewTransport(options: {
	dir: string;
	store: MailPreviewStore;
	clock: Clock;
}): MailTransport {
	const builder = nodemailer.createTransport({
		streamTransport: true,
		buffer: true,
		newline: 'windows'
	});
	return {
		mode: 'preview',
		async deliver(mail, context) {
			const info = (await builder.sendMail(mail)) as { messageId: string; message: Buffer };
			const id = randomUUID();
			const folder = path.join(options.dir, context.workspaceId);
			await fs.mkdir(folder, { recursive: true });
			const fileName = `${id}.eml`;
			const temporary = path.join(folder, `.${fileName}.tmp`);
			await fs.writeFile(temporary, info.message);
			await fs.rename(temporary, path.join(folder, fileName));
			const to = Array.isArray(mail.to) ? mail.to : [mail.to];
			await options.store.add({
				id,
				workspaceId: context.workspaceId,
				jobId: context.jobId,
				invoiceId: context.invoiceId,
				to: to.filter((t): t is string => typeof t === 'string'),
				subject: typeof mail.subject === 'string' ? mail.subject : '',
				sizeBytes: info.message.length,
				fileName,
				createdAt: options.clock.now()
			});
			return { messageId: info.messageId };
		},
		close: () => builder.close()
	};
}
