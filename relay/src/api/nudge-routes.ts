import { DAY_MS, utcDate } from '../clock.js';
import { deletePreviewFiles } from '../email/preview-files.js';
import { HttpError } from '../http/errors.js';
import type { Route } from '../http/router.js';
import { openNudgeEmail, sealNudgeEmail } from '../nudge/nudge-email.js';
import {
	nudgeDuesRequestSchema,
	nudgeSubscribeRequestSchema,
	type NudgeDue,
	type NudgeStatus
} from '../protocol/index.js';
import type { NudgeDueRecord } from '../storage/storage.js';
import { requireAuth } from './auth-routes.js';
import type { ApiServices } from './services.js';
import { validate } from './validate.js';

const PATH = '/api/v1/workspaces/:workspaceId/nudge';
/** Dates are the devices' local days: one day of slack covers every time zone. */
const PAST_SLACK_MS = DAY_MS;
/** A date further out than this is no recurring invoice a nudge could help with. */
const FUTURE_LIMIT_MS = 3 * 366 * DAY_MS;

/**
 * The dates as stored, each day starting at UTC midnight. A date in the past would mail at once,
 * so it is refused, naming the field: devices post upcoming dates only.
 */
function dueRecords(dues: readonly NudgeDue[], now: number): NudgeDueRecord[] {
	const earliest = utcDate(now - PAST_SLACK_MS);
	const latest = utcDate(now + FUTURE_LIMIT_MS);
	const fields = dues.flatMap((due, index) =>
		due.date < earliest
			? [{ path: `dues.${index}.date`, message: `must not be before ${earliest}` }]
			: due.date > latest
				? [{ path: `dues.${index}.date`, message: `must not be after ${latest}` }]
				: []
	);
	if (fields.length > 0)
		throw new HttpError(
			400,
			'invalid-request',
			`The request is invalid: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}.`,
			fields
		);
	return dues.map((due) => ({
		date: due.date,
		count: due.count,
		dueAt: Date.parse(`${due.date}T00:00:00Z`)
	}));
}

/**
 * The content-free nudge (relay/README.md "Nudges"): a device opts its workspace in with an
 * e-mail address and posts the due dates of its recurring invoices; opting out deletes both.
 */
export function nudgeRoutes(s: ApiServices): Route[] {
	const status = async (workspaceId: string): Promise<NudgeStatus> => {
		const stored = await s.storage.nudges.get(workspaceId);
		return stored === undefined
			? { email: null, dates: 0 }
			: {
					email: openNudgeEmail(s.secretBox, workspaceId, stored.sealedEmail),
					dates: stored.dates
				};
	};
	return [
		{
			method: 'GET',
			path: PATH,
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				return { status: 200, json: await status(auth.workspaceId) };
			}
		},
		{
			method: 'PUT',
			path: PATH,
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const body = validate(nudgeSubscribeRequestSchema, await ctx.body());
				const now = s.clock.now();
				const dues = dueRecords(body.dues, now);
				const sealed = sealNudgeEmail(s.secretBox, auth.workspaceId, body.email);
				await s.storage.nudges.subscribe(auth.workspaceId, sealed, dues, now);
				await s.storage.durable();
				s.log.info('nudge-subscribed', { workspaceId: auth.workspaceId, dates: dues.length });
				return { status: 200, json: await status(auth.workspaceId) };
			}
		},
		{
			method: 'PUT',
			path: `${PATH}/dues`,
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const body = validate(nudgeDuesRequestSchema, await ctx.body());
				const now = s.clock.now();
				const dues = dueRecords(body.dues, now);
				if (await s.storage.nudges.replaceDues(auth.workspaceId, dues, now))
					await s.storage.durable();
				return { status: 200, json: await status(auth.workspaceId) };
			}
		},
		{
			method: 'DELETE',
			path: PATH,
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				await s.storage.nudges.unsubscribe(auth.workspaceId);
				// Without SMTP the nudges sent so far sit in the preview outbox with the address.
				const previews = await s.storage.mailPreviews.removeNudges(auth.workspaceId);
				await s.storage.durable();
				await deletePreviewFiles(s.previewDir, previews, s.log);
				// Opting out leaves no copy of the address or the dates in the database's files.
				// Only the tables opting out touched: any device may call this, and a vacuum locks.
				await s.storage.reclaimDeletedSpace(['nudge_subscriptions', 'nudge_dues', 'mail_previews']);
				s.log.info('nudge-unsubscribed', { workspaceId: auth.workspaceId });
				return { status: 200, json: { email: null, dates: 0 } satisfies NudgeStatus };
			}
		}
	];
}
