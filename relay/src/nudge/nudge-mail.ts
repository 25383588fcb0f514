import type Mail from 'nodemailer/lib/mailer/index.js';

export interface NudgeMailInput {
	to: string;
	from: string;
	/** The day the invoices fell due (YYYY-MM-DD). */
	date: string;
	count: number;
	/** Where the app is served, when the relay knows its public address. */
	appUrl: string | undefined;
	/** Derived from the workspace and the date, so a receiver can tell a repeat of this one. */
	messageId: string;
}

/**
 * The nudge: a count and a date, and nothing else. The relay never knows the templates,
 * customers or amounts (the app keeps them end-to-end encrypted), so it cannot put them in.
 */
export function composeNudgeMail(input: NudgeMailInput): Mail.Options {
	const invoices =
		input.count === 1 ? '1 recurring invoice is' : `${input.count} recurring invoices are`;
	const open = input.appUrl === undefined ? 'Open Billfold' : `Open Billfold (${input.appUrl})`;
	const text = [
		`${invoices} due since ${input.date}, and none of your devices has opened Billfold since then.`,
		'',
		`${open} on any device: it makes the due invoices as your recurring templates say.`,
		'',
		'You get this e-mail because you asked your Billfold relay to remind you. It knows only these',
		'dates and counts. To stop these e-mails, turn the reminder off under Recurring invoices.'
	].join('\n');
	const domain = input.from.split('@')[1] ?? 'localhost';
	return {
		from: { name: 'Billfold', address: input.from },
		to: input.to,
		subject: `Billfold: ${invoices} due`,
		text,
		messageId: `<${input.messageId}@${domain}>`
	};
}
