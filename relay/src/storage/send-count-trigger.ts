import { RELAY_SCOPE, SEND_QUOTA_HOUR_MS } from './send-quota-schema.js';

/**
 * PostgreSQL migration 8: the database itself counts every accepted send into send_counts (see
 * send-quota-schema.ts), whoever writes the job. Before it, the enqueue routine added the counts,
 * so during a rolling upgrade a process from before the counters (it checks quotas with count(*)
 * over outbox_jobs and inserts the job itself) accepted sends the counters never saw, and the
 * new processes let a workspace past its quota. A job's acceptance is its insert, or an update
 * that moves accepted_at (a failed send queued again), as the count(*) of those processes counted
 * it. The trigger fires at the row's write, not deferred to the commit, so a later enqueue in the
 * same transaction (a batch, postgres-routines.ts) sees the count. Rerunnable: CREATE OR REPLACE
 * and DROP TRIGGER IF EXISTS.
 */
export const postgresSendCountTrigger = `
	CREATE OR REPLACE FUNCTION billfold_count_send() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		INSERT INTO send_counts AS c (scope, hour, n)
			VALUES (NEW.workspace_id, NEW.accepted_at / ${SEND_QUOTA_HOUR_MS}, 1),
				('${RELAY_SCOPE}', NEW.accepted_at / ${SEND_QUOTA_HOUR_MS}, 1)
			ON CONFLICT (scope, hour) DO UPDATE SET n = c.n + 1;
		RETURN NULL;
	END
	$$;
	DROP TRIGGER IF EXISTS outbox_jobs_count_insert ON outbox_jobs;
	CREATE TRIGGER outbox_jobs_count_insert AFTER INSERT ON outbox_jobs
		FOR EACH ROW EXECUTE FUNCTION billfold_count_send();
	DROP TRIGGER IF EXISTS outbox_jobs_count_requeue ON outbox_jobs;
	CREATE TRIGGER outbox_jobs_count_requeue AFTER UPDATE OF accepted_at ON outbox_jobs
		FOR EACH ROW WHEN (NEW.accepted_at IS DISTINCT FROM OLD.accepted_at)
		EXECUTE FUNCTION billfold_count_send();
`;
