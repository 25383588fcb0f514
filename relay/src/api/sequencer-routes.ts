import { DAY_MS, utcDate } from '../clock.js';
import { HttpError } from '../http/errors.js';
import type { Route } from '../http/router.js';
import { requireAuth } from './auth-routes.js';
import {
	issueRequestSchema,
	MAX_SERIES_NUMBER,
	seedSeriesRequestSchema,
	seriesIdSchema
} from '../protocol/index.js';
import type { ApiServices } from './services.js';
import { validate } from './validate.js';
import { z } from 'zod';

const seriesParams = z.object({ seriesId: seriesIdSchema });

export function sequencerRoutes(s: ApiServices): Route[] {
	return [
		{
			method: 'POST',
			path: '/api/v1/workspaces/:workspaceId/series/:seriesId/issue',
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const { seriesId } = validate(seriesParams, ctx.params);
				const body = validate(issueRequestSchema, await ctx.body());
				const now = s.clock.now();
				// A device with a clock years ahead would otherwise push every later invoice's date forward.
				const latest = utcDate(now + s.config.limits.maxIssueDateSkewDays * DAY_MS);
				if (body.issueDate > latest) {
					throw new HttpError(
						400,
						'invalid-request',
						`The issue date is after ${latest}, the latest date this relay accepts today.`,
						[{ path: 'issueDate', message: `must not be after ${latest}` }]
					);
				}
				const outcome = await s.storage.sequencer.issue({
					workspaceId: auth.workspaceId,
					seriesId,
					invoiceId: body.invoiceId,
					issueDate: body.issueDate,
					deviceId: auth.deviceId,
					at: now
				});
				await s.storage.durable();
				if (outcome.kind === 'conflict') {
					throw new HttpError(
						409,
						'conflict',
						`Invoice ${body.invoiceId} already has a number in series ${outcome.seriesId}.`,
						[{ path: 'invoiceId', message: `already numbered in series ${outcome.seriesId}` }]
					);
				}
				if (outcome.kind === 'exhausted') {
					throw new HttpError(
						409,
						'series-exhausted',
						`Series ${seriesId} has reached ${MAX_SERIES_NUMBER}, the largest invoice number (nine digits); number new invoices in a new series.`,
						[{ path: 'seriesId', message: `has no numbers left after ${MAX_SERIES_NUMBER}` }]
					);
				}
				if (outcome.kind === 'issued') {
					s.log.info('number-issued', {
						requestId: ctx.requestId,
						workspaceId: auth.workspaceId,
						deviceId: auth.deviceId,
						invoiceId: body.invoiceId,
						seriesId,
						number: outcome.number
					});
				}
				return {
					status: outcome.kind === 'issued' ? 201 : 200,
					json: {
						invoiceId: body.invoiceId,
						seriesId,
						number: outcome.number,
						issueDate: outcome.issueDate,
						issuedAt: new Date(outcome.issuedAt).toISOString(),
						replayed: outcome.kind === 'replayed'
					}
				};
			}
		},
		{
			method: 'GET',
			path: '/api/v1/workspaces/:workspaceId/series/:seriesId',
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const { seriesId } = validate(seriesParams, ctx.params);
				const state = (await s.storage.sequencer.getSeries(auth.workspaceId, seriesId)) ?? {
					seriesId,
					lastNumber: 0,
					lastIssueDate: null
				};
				return { status: 200, json: state };
			}
		},
		{
			method: 'PUT',
			path: '/api/v1/workspaces/:workspaceId/series/:seriesId',
			auth: 'device',
			async handle(ctx) {
				const auth = requireAuth(ctx.auth);
				const { seriesId } = validate(seriesParams, ctx.params);
				const body = validate(seedSeriesRequestSchema, await ctx.body());
				const outcome = await s.storage.sequencer.seed(auth.workspaceId, { seriesId, ...body });
				await s.storage.durable();
				if (outcome === 'in-use') {
					throw new HttpError(
						409,
						'conflict',
						`Series ${seriesId} already has numbers on the relay; it cannot be seeded again.`
					);
				}
				s.log.info('series-seeded', {
					requestId: ctx.requestId,
					workspaceId: auth.workspaceId,
					seriesId,
					lastNumber: body.lastNumber
				});
				return { status: 200, json: { seriesId, ...body } };
			}
		}
	];
}
