import {
	nudgeDuesRequestSchema,
	nudgeStatusSchema,
	nudgeSubscribeRequestSchema,
	relayPaths,
	type NudgeDue,
	type NudgeStatus
} from '$protocol';
import {
	invalidRequest,
	relayRequest,
	workspaceScoped,
	type RelayClientOptions,
	type RelayResult
} from './client';

/** The relay's nudge routes for one workspace (relay/README.md "Nudges"). */
export interface NudgeClient {
	status(): Promise<RelayResult<NudgeStatus>>;
	/** Opts in with the address and sets the due dates. */
	subscribe(email: string, dues: readonly NudgeDue[]): Promise<RelayResult<NudgeStatus>>;
	/** Sets the due dates; the relay keeps them only when the workspace opted in. */
	putDues(dues: readonly NudgeDue[]): Promise<RelayResult<NudgeStatus>>;
	/** Opts out: the relay deletes the address and the dates. */
	unsubscribe(): Promise<RelayResult<NudgeStatus>>;
}

export function createNudgeClient(
	options: Pick<RelayClientOptions, 'baseUrl' | 'fetch' | 'credentials'>
): NudgeClient {
	const scoped = workspaceScoped(options.credentials);
	return {
		status: () =>
			scoped((ws) => relayRequest(options, 'GET', relayPaths.nudge(ws), nudgeStatusSchema)),
		subscribe: (email, dues) =>
			scoped(async (ws) => {
				const parsed = nudgeSubscribeRequestSchema.safeParse({ email, dues });
				if (!parsed.success) return invalidRequest(parsed.error);
				return relayRequest(options, 'PUT', relayPaths.nudge(ws), nudgeStatusSchema, parsed.data);
			}),
		putDues: (dues) =>
			scoped(async (ws) => {
				const parsed = nudgeDuesRequestSchema.safeParse({ dues });
				if (!parsed.success) return invalidRequest(parsed.error);
				return relayRequest(
					options,
					'PUT',
					relayPaths.nudgeDues(ws),
					nudgeStatusSchema,
					parsed.data
				);
			}),
		unsubscribe: () =>
			scoped((ws) => relayRequest(options, 'DELETE', relayPaths.nudge(ws), nudgeStatusSchema))
	};
}
