import {
	nudgeDuesRequestSchema,
	nudgeStatusSchema,
	nudgeSubscribeRequestSchema,
	relayPaths,
	type NudgeDue,
	type NudgeStatus
} from '$protocol';
import { workspaceRoutes, type RelayClientOptions, type RelayResult } from './client';

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
	const routes = workspaceRoutes(options);
	return {
		status: () => routes.call('GET', relayPaths.nudge, nudgeStatusSchema),
		subscribe: (email, dues) =>
			routes.send(
				'PUT',
				relayPaths.nudge,
				nudgeSubscribeRequestSchema,
				{ email, dues },
				nudgeStatusSchema
			),
		putDues: (dues) =>
			routes.send('PUT', relayPaths.nudgeDues, nudgeDuesRequestSchema, { dues }, nudgeStatusSchema),
		unsubscribe: () => routes.call('DELETE', relayPaths.nudge, nudgeStatusSchema)
	};
}
