import { RELAY_SCOPE, SEND_QUOTA_HOUR_MS } from './send-quota-schema.js';

/**
 * Set (transaction-local) by the enqueue routines that count their sends themselves
 * (postgres-routines.ts), so the trigger below leaves their jobs alone.
 */
export const COUNTED_FLAG = 'billfold.counted';

/**
 * The trigger's function. Also among the routines (postgres-routines.ts), so a database that ran
 * this migration before the flag existed gets the flag check at the next start.
 */
export const countSendFunction = `
	CREATE OR REPLACE FUNCTION billfold_count_send() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		IF current_setting('${COUNTED_FLAG}', true) = 'on' THEN
			RETURN NULL;
		END IF;
		INSERT INTO send_counts AS c (scope, hour, n)
			VALUES (NEW.workspace_id, NEW.accepted_at / ${SEND_QUOTA_HOUR_MS}, 1),
				('${RELAY_SCOPE}', NEW.accepted_at / ${SEND_QUOTA_HOUR_MS}, 1)
			ON CONFLICT (scope, hour) DO UPDATE SET n = c.n + 1;
		RETURN NULL;
	END
	$$;
`;

/**
 * PostgreSQL migration 8: the database itself counts every accepted send into send_counts (see
 * send-quota-schema.ts) that the relay's enqueue routine did not count, whoever writes the job.
 * The routine counts its batch's sends itself, last, one upsert per batch, so the relay-wide
 * counter row is locked only until the commit; it sets COUNTED_FLAG for its transaction. A
 * process from before the counters (it checks quotas with count(*) over outbox_jobs and inserts
 * the job itself) sets no flag: without this trigger its sends would go uncounted during a
 * rolling upgrade, and the new processes would let a workspace past its quota. A job's acceptance
 * is its insert, or an update that moves accepted_at (a failed send queued again), as the
 * count(*) of those processes counted it. Rerunnable: CREATE OR REPLACE and DROP TRIGGER IF
 * EXISTS. (Edited in place before its first release: it first counted every job, the routine's
 * too, which kept the relay-wide row locked through the rest of a batch.)
 */
export const postgresSendCountTrigger = `${countSendFunction}
	DROP TRIGGER IF EXISTS outbox_jobs_count_insert ON outbox_jobs;
	CREATE TRIGGER outbox_jobs_count_insert AFTER INSERT ON outbox_jobs
		FOR EACH ROW EXECUTE FUNCTION billfold_count_send();
	DROP TRIGGER IF EXISTS outbox_jobs_count_requeue ON outbox_jobs;
	CREATE TRIGGER outbox_jobs_count_requeue AFTER UPDATE OF accepted_at ON outbox_jobs
		FOR EACH ROW WHEN (NEW.accepted_at IS DISTINCT FROM OLD.accepted_at)
		EXECUTE FUNCTION billfold_count_send();
`;
