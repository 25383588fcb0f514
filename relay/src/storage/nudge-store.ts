import type { Epoch } from './epoch.js';

/** One due date a device posted: the day (UTC midnight as `dueAt`) and how many invoices. */
export interface NudgeDueRecord {
	date: string;
	dueAt: Epoch;
	count: number;
}

/** A due date the sweep took to mail about, with the workspace's sealed address. */
export interface ClaimedNudge {
	workspaceId: string;
	date: string;
	count: number;
	sealedEmail: string;
}

/**
 * The content-free "recurring invoices are due" e-mail (relay/README.md "Nudges"): per workspace
 * an opted-in address (sealed with the relay's secret key) and the due dates its devices posted.
 */
export interface NudgeStore {
	/** The sealed address and how many dates are held, or undefined when not opted in. */
	get(workspaceId: string): Promise<{ sealedEmail: string; dates: number } | undefined>;
	/** Opts in (or changes the address) and replaces the dates, in one transaction. */
	subscribe(
		workspaceId: string,
		sealedEmail: string,
		dues: readonly NudgeDueRecord[],
		now: Epoch
	): Promise<void>;
	/** Replaces the dates when the workspace opted in; false (and nothing stored) when not. */
	replaceDues(workspaceId: string, dues: readonly NudgeDueRecord[], now: Epoch): Promise<boolean>;
	/** Opts out: deletes the address and every date of the workspace. */
	unsubscribe(workspaceId: string): Promise<void>;
	/**
	 * Leases until now + leaseMs the dates whose day began at least graceMs ago, that are not done,
	 * not leased to another sweep, and since whose day no active device of the workspace contacted
	 * the relay. Several processes sweeping at once never take the same date.
	 */
	claimDue(now: Epoch, graceMs: number, leaseMs: number, limit: number): Promise<ClaimedNudge[]>;
	/** The date's mail went out (or failed for good): never again. */
	finish(workspaceId: string, date: string, now: Epoch): Promise<void>;
	/** The mail failed for now: another sweep may take the date from `retryAt` on. */
	release(workspaceId: string, date: string, retryAt: Epoch): Promise<void>;
	/**
	 * Deletes the dates a device has seen to: not done, and a device of the workspace contacted
	 * the relay on or after their day, which began at least graceMs ago. Returns how many.
	 */
	dropResolved(now: Epoch, graceMs: number): Promise<number>;
}
