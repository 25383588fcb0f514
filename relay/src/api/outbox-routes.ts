import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DAY_MS } from '../clock.js';
import { HttpError, notFound } from '../http/errors.js';
import type { Route } from '../http/router.js';
import { requireAuth } from './auth-routes.js';
import { presentJob } from './presenters.js';
import { invoiceIdSchema, sendRequestSchema } from '../protocol/index.js';
import { checkSendContent, checkSendSizes } from './send-checks.js';
import type { ApiServices } from './services.js';
import { validate } from './validate.js';

const listQuery = z.object({
	invoiceId: invoiceIdSchema.optional(),
	limit: z.coerce.number().int().min(1).max(500).default(100)
});
const jobParams = z.object({ jobId: z.uuid({ message: 'must be a job id' }) });

export function outboxRoutes(s: ApiServices): Route[] {
	return [
		{
			method: 'POST',
			path: '/api/v1/workspaces/:workspaceId/outbox',
			auth: 'device',
			bodyLimit: 'send',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const request = validate(sendRequestSchema, await ctx.body());
				checkSendSizes(
					request,
					s.config.limits.maxAttachmentBytes,
					s.config.limits.maxAttachments,
					s.config.limits.maxUblBytes
				);
				checkSendContent(request);
				const at = s.clock.now();
				const outcome = await s.storage.outbox.enqueue(
					{
						id: randomUUID(),
						workspaceId: auth.workspaceId,
						invoiceId: request.invoiceId,
						resend: request.resend,
						deviceId: auth.deviceId,
						documentType: request.documentType,
						at
					},
					JSON.stringify(request),
					{
						limit: s.config.limits.sendQuotaPerDay,
						relayLimit: s.config.limits.sendQuotaPerDayTotal,
						since: at - DAY_MS
					}
				);
				await s.storage.durable();
				if (outcome.kind === 'quota-exceeded') {
					throw new HttpError(
						429,
						'quota-exceeded',
						outcome.scope === 'workspace'
							? `This workspace reached its quota of ${outcome.limit} sends per 24 hours.`
							: `This relay reached its limit of ${outcome.limit} sends per 24 hours for all workspaces together; ask its operator.`,
						undefined,
						{
							'retry-after': '3600'
						}
					);
				}
				if (outcome.kind !== 'existing') {
					s.log.info('job-accepted', {
						requestId: ctx.requestId,
						workspaceId: auth.workspaceId,
						deviceId: auth.deviceId,
						jobId: outcome.job.id,
						invoiceId: request.invoiceId,
						resend: request.resend,
						requeued: outcome.kind === 'requeued',
						attachments: request.attachments.length
					});
					s.jobQueued(outcome.job);
				}
				return {
					status: 202,
					json: {
						jobId: outcome.job.id,
						duplicate: outcome.kind === 'existing',
						job: presentJob(outcome.job)
					}
				};
			}
		},
		{
			method: 'GET',
			path: '/api/v1/workspaces/:workspaceId/outbox',
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const query = validate(listQuery, Object.fromEntries(ctx.url.searchParams));
				const jobs = await s.storage.outbox.list(auth.workspaceId, {
					invoiceId: query.invoiceId,
					limit: query.limit
				});
				return { status: 200, json: { jobs: jobs.map(presentJob) } };
			}
		},
		{
			method: 'GET',
			path: '/api/v1/workspaces/:workspaceId/outbox/:jobId',
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const { jobId } = validate(jobParams, ctx.params);
				const job = await s.storage.outbox.get(auth.workspaceId, jobId);
				if (job === undefined) throw notFound('No such job in this workspace.');
				return { status: 200, json: presentJob(job) };
			}
		}
	];
}
