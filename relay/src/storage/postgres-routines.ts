/**
 * Server-side routines: a relay request that would take several statements (and as many round
 * trips, each holding its row locks) runs as one function call instead. Measured on 2 cores, an
 * issued number cost 8 round trips with the series row locked across 5 of them; with three relay
 * processes on one workspace those lock waits, not CPU, capped throughput.
 *
 * Routines are code, not schema: they are (re)created at every start under the migration lock,
 * and a changed routine gets a new versioned name, so during a rolling restart the old processes
 * keep calling the routine they were built against.
 */
import { EVENTS_CHANNEL } from './postgres-events.js';
import { COUNTED_FLAG, countSendFunction } from './send-count-trigger.js';
import { RELAY_SCOPE, SEND_QUOTA_HOUR_MS } from './send-quota-schema.js';

/** Serialises the relay-wide quota check once the relay is close to its cap. */
const RELAY_QUOTA_LOCK = 0x71_75_6f_74; // "quot"
/** Below this many sends from the relay-wide cap, no process could overshoot it concurrently. */
const RELAY_QUOTA_MARGIN = 256;

export const routines: readonly string[] = [
	// The sequencer's issue (see postgres-sequencer.ts): idempotency check, series row lock, the
	// check again under the lock (another process may have numbered the invoice meanwhile), next
	// number, issue date no earlier than the series' last. Each statement of a PL/pgSQL function
	// takes a fresh snapshot under READ COMMITTED, so the second check sees a concurrent commit.
	`
	CREATE OR REPLACE FUNCTION billfold_issue_v1(
		p_workspace_id text, p_series_id text, p_invoice_id text, p_issue_date text,
		p_device_id text, p_at bigint, p_max_number bigint)
	RETURNS TABLE (kind text, series_id text, number bigint, issue_date text, issued_at bigint)
	LANGUAGE plpgsql AS $$
	#variable_conflict use_column
	DECLARE
		v_previous issued_numbers%ROWTYPE;
		v_last_number bigint;
		v_last_date text;
		v_date text;
	BEGIN
		SELECT * INTO v_previous FROM issued_numbers
			WHERE workspace_id = p_workspace_id AND invoice_id = p_invoice_id;
		IF NOT FOUND THEN
			INSERT INTO series (workspace_id, series_id, last_number, last_issue_date)
				VALUES (p_workspace_id, p_series_id, 0, NULL)
				ON CONFLICT (workspace_id, series_id) DO NOTHING;
			SELECT last_number, last_issue_date INTO v_last_number, v_last_date FROM series
				WHERE workspace_id = p_workspace_id AND series_id = p_series_id FOR UPDATE;
			SELECT * INTO v_previous FROM issued_numbers
				WHERE workspace_id = p_workspace_id AND invoice_id = p_invoice_id;
		END IF;
		IF v_previous.invoice_id IS NOT NULL THEN
			RETURN QUERY SELECT
				CASE WHEN v_previous.series_id = p_series_id THEN 'replayed' ELSE 'conflict' END,
				v_previous.series_id, v_previous.number, v_previous.issue_date, v_previous.issued_at;
			RETURN;
		END IF;
		IF v_last_number >= p_max_number THEN
			RETURN QUERY SELECT 'exhausted'::text, p_series_id, v_last_number, NULL::text, NULL::bigint;
			RETURN;
		END IF;
		v_date := CASE WHEN v_last_date IS NOT NULL AND v_last_date > p_issue_date
			THEN v_last_date ELSE p_issue_date END;
		UPDATE series SET last_number = v_last_number + 1, last_issue_date = v_date
			WHERE workspace_id = p_workspace_id AND series_id = p_series_id;
		INSERT INTO issued_numbers
			(workspace_id, invoice_id, series_id, number, issue_date, issued_at, device_id)
			VALUES (p_workspace_id, p_invoice_id, p_series_id, v_last_number + 1, v_date, p_at,
				p_device_id);
		RETURN QUERY SELECT 'issued'::text, p_series_id, v_last_number + 1, v_date, p_at;
	END
	$$;
	`,
	// The outbox's enqueue (see postgres-outbox.ts), one item of a batch instead of 9 statements
	// with the workspace row locked across them: the workspace row lock (sends of one workspace
	// take turns, whichever process they land on), the idempotency check by (invoice, resend),
	// both quotas from the hourly counters (send-quota-schema.ts) plus the sends the batch has
	// accepted before this one (near the relay-wide cap under an advisory lock, so concurrent
	// processes cannot overshoot it), the job and its content, and the NOTIFY that tells the
	// other processes' workers (delivered at commit, so never for a rollback). It does not count
	// the send: its batch does, last (below).
	enqueueItemRoutine(),
	// Migration 8's trigger function, which must know COUNTED_FLAG (see send-count-trigger.ts).
	countSendFunction,
	// Batches (postgres-batch.ts): the calls that arrived while the previous batch ran, as one
	// transaction and one round trip. Each item runs exactly as its single call would, in arrival
	// order, seeing the items before it (numbers, counters, idempotency records). The rows every
	// item will lock (series, workspaces) are locked first, in key order, so two processes' batches
	// cannot deadlock on them.
	`
	CREATE OR REPLACE FUNCTION billfold_issue_many_v2(
		p_workspace_ids text[], p_series_ids text[], p_invoice_ids text[], p_issue_dates text[],
		p_device_ids text[], p_ats bigint[], p_max_number bigint)
	RETURNS TABLE (ord integer, kind text, series_id text, number bigint, issue_date text,
		issued_at bigint)
	LANGUAGE plpgsql AS $$
	#variable_conflict use_column
	BEGIN
		INSERT INTO series (workspace_id, series_id, last_number, last_issue_date)
			SELECT DISTINCT u.w, u.s, 0::bigint, NULL::text FROM unnest(p_workspace_ids, p_series_ids) AS u(w, s)
			ORDER BY 1, 2
			ON CONFLICT (workspace_id, series_id) DO NOTHING;
		PERFORM 1 FROM series
			WHERE (workspace_id, series_id) IN
				(SELECT u.w, u.s FROM unnest(p_workspace_ids, p_series_ids) AS u(w, s))
			ORDER BY workspace_id, series_id FOR UPDATE;
		FOR i IN 1 .. cardinality(p_invoice_ids) LOOP
			RETURN QUERY SELECT i, r.kind, r.series_id, r.number, r.issue_date, r.issued_at
				FROM billfold_issue_v1(p_workspace_ids[i], p_series_ids[i], p_invoice_ids[i],
					p_issue_dates[i], p_device_ids[i], p_ats[i], p_max_number) AS r;
		END LOOP;
	END
	$$;
	`,
	// Request rate limits (postgres-rate-limits.ts): a batch of token-bucket takes, each the one
	// upsert a single take was (refill, decide, take, atomically per bucket row), in bucket order so
	// that two processes' batches lock the rows in the same order; takes of one bucket (one
	// workspace's burst) run one after the other, each seeing the one before.
	`
	CREATE OR REPLACE FUNCTION billfold_take_many_v1(
		p_buckets text[], p_keys text[], p_bursts double precision[], p_nows bigint[],
		p_rates double precision[])
	RETURNS TABLE (ord integer, tokens double precision, allowed boolean)
	LANGUAGE plpgsql AS $$
	DECLARE
		r record;
		v_tokens double precision;
		v_allowed boolean;
	BEGIN
		FOR r IN SELECT u.i::integer AS i, u.b, u.k, u.burst, u.t, u.rate
			FROM unnest(p_buckets, p_keys, p_bursts, p_nows, p_rates)
				WITH ORDINALITY AS u(b, k, burst, t, rate, i)
			ORDER BY u.b, u.k, u.i
		LOOP
			INSERT INTO rate_buckets AS rb (bucket, key, tokens, at, allowed)
				VALUES (r.b, r.k, r.burst - 1, r.t, true)
				ON CONFLICT (bucket, key) DO UPDATE SET
					tokens = least(r.burst, rb.tokens + greatest(0, r.t - rb.at) * r.rate)
						- CASE WHEN least(r.burst, rb.tokens + greatest(0, r.t - rb.at) * r.rate) >= 1
							THEN 1 ELSE 0 END,
					allowed = least(r.burst, rb.tokens + greatest(0, r.t - rb.at) * r.rate) >= 1,
					at = greatest(rb.at, r.t)
				RETURNING rb.tokens, rb.allowed INTO v_tokens, v_allowed;
			ord := r.i;
			tokens := v_tokens;
			allowed := v_allowed;
			RETURN NEXT;
		END LOOP;
	END
	$$;
	`,
	// A batch of sends. The counters are written last, one upsert for the whole batch (one row
	// per scope and hour, in key order): the relay-wide row, which every workspace's sends update,
	// stays locked only from there to the commit, not through every later item of the batch. The
	// transaction-local billfold.counted tells migration 8's trigger (send-count-trigger.ts),
	// which counts the jobs older processes write, that these are counted here.
	`
	CREATE OR REPLACE FUNCTION billfold_enqueue_many_v3(
		p_job_ids text[], p_workspace_ids text[], p_invoice_ids text[], p_resends integer[],
		p_device_ids text[], p_document_types text[], p_ats bigint[], p_contents text[],
		p_limits bigint[], p_relay_limits bigint[], p_sinces bigint[], p_origin text)
	RETURNS TABLE (ord integer, kind text, quota_scope text, quota_limit bigint, job jsonb)
	LANGUAGE plpgsql AS $$
	#variable_conflict use_column
	DECLARE
		r record;
		v_pending jsonb := '{}';
		v_relay_pending bigint := 0;
		v_accepted integer[] := '{}';
	BEGIN
		PERFORM set_config('${COUNTED_FLAG}', 'on', true);
		PERFORM 1 FROM workspaces WHERE id = ANY(p_workspace_ids) ORDER BY id FOR UPDATE;
		FOR i IN 1 .. cardinality(p_job_ids) LOOP
			SELECT * INTO r FROM billfold_enqueue_v3(p_job_ids[i], p_workspace_ids[i],
				p_invoice_ids[i], p_resends[i], p_device_ids[i], p_document_types[i], p_ats[i],
				p_contents[i], p_limits[i], p_relay_limits[i], p_sinces[i], p_origin,
				coalesce((v_pending ->> p_workspace_ids[i])::bigint, 0), v_relay_pending);
			IF r.kind IN ('created', 'requeued') THEN
				v_pending := v_pending || jsonb_build_object(p_workspace_ids[i],
					coalesce((v_pending ->> p_workspace_ids[i])::bigint, 0) + 1);
				v_relay_pending := v_relay_pending + 1;
				v_accepted := v_accepted || i;
			END IF;
			RETURN QUERY SELECT i, r.kind, r.quota_scope, r.quota_limit, r.job;
		END LOOP;
		INSERT INTO send_counts AS c (scope, hour, n)
			SELECT a.scope, a.hour, count(*) FROM (
				SELECT p_workspace_ids[k] AS scope, p_ats[k] / ${SEND_QUOTA_HOUR_MS} AS hour
					FROM unnest(v_accepted) AS k
				UNION ALL
				SELECT '${RELAY_SCOPE}', p_ats[k] / ${SEND_QUOTA_HOUR_MS} FROM unnest(v_accepted) AS k
			) AS a
			GROUP BY a.scope, a.hour ORDER BY a.scope, a.hour
			ON CONFLICT (scope, hour) DO UPDATE SET n = c.n + excluded.n;
	END
	$$;
	`,
	// v1 is the name the released version calls, one send at a time; it counted the send itself.
	// Redefined as a batch of one, so its sends count once (here, not by the trigger too). An
	// old process that restarts puts its own v1 back, whose sends then count twice (its own
	// count and the trigger's) until it is replaced: stricter, never looser.
	`
	CREATE OR REPLACE FUNCTION billfold_enqueue_v1(
		p_job_id text, p_workspace_id text, p_invoice_id text, p_resend integer, p_device_id text,
		p_document_type text, p_at bigint, p_content text, p_limit bigint, p_relay_limit bigint,
		p_since bigint, p_origin text)
	RETURNS TABLE (kind text, quota_scope text, quota_limit bigint, job jsonb)
	LANGUAGE plpgsql AS $$
	#variable_conflict use_column
	BEGIN
		RETURN QUERY SELECT r.kind, r.quota_scope, r.quota_limit, r.job
			FROM billfold_enqueue_many_v3(ARRAY[p_job_id], ARRAY[p_workspace_id],
				ARRAY[p_invoice_id], ARRAY[p_resend], ARRAY[p_device_id], ARRAY[p_document_type],
				ARRAY[p_at], ARRAY[p_content], ARRAY[p_limit], ARRAY[p_relay_limit], ARRAY[p_since],
				p_origin) AS r;
	END
	$$;
	`
];

/** One send of a batch; `p_pending` and `p_relay_pending` are the batch's accepted sends before it. */
function enqueueItemRoutine(): string {
	return `
	CREATE OR REPLACE FUNCTION billfold_enqueue_v3(
		p_job_id text, p_workspace_id text, p_invoice_id text, p_resend integer, p_device_id text,
		p_document_type text, p_at bigint, p_content text, p_limit bigint, p_relay_limit bigint,
		p_since bigint, p_origin text, p_pending bigint, p_relay_pending bigint)
	RETURNS TABLE (kind text, quota_scope text, quota_limit bigint, job jsonb)
	LANGUAGE plpgsql AS $$
	#variable_conflict use_column
	DECLARE
		v_job outbox_jobs%ROWTYPE;
		v_kind text;
		v_from bigint := p_since / ${SEND_QUOTA_HOUR_MS};
		v_accepted bigint;
	BEGIN
		PERFORM 1 FROM workspaces WHERE id = p_workspace_id FOR UPDATE;
		SELECT * INTO v_job FROM outbox_jobs
			WHERE workspace_id = p_workspace_id AND invoice_id = p_invoice_id AND resend = p_resend;
		IF FOUND AND v_job.status <> 'failed' THEN
			RETURN QUERY SELECT 'existing'::text, NULL::text, NULL::bigint, to_jsonb(v_job);
			RETURN;
		END IF;
		SELECT coalesce(sum(n), 0) + p_pending INTO v_accepted FROM send_counts
			WHERE scope = p_workspace_id AND hour >= v_from;
		IF v_accepted >= p_limit THEN
			RETURN QUERY SELECT 'quota-exceeded'::text, 'workspace'::text, p_limit, NULL::jsonb;
			RETURN;
		END IF;
		SELECT coalesce(sum(n), 0) + p_relay_pending INTO v_accepted FROM send_counts
			WHERE scope = '${RELAY_SCOPE}' AND hour >= v_from;
		IF v_accepted >= p_relay_limit - ${RELAY_QUOTA_MARGIN} THEN
			PERFORM pg_advisory_xact_lock(${RELAY_QUOTA_LOCK});
			SELECT coalesce(sum(n), 0) + p_relay_pending INTO v_accepted FROM send_counts
				WHERE scope = '${RELAY_SCOPE}' AND hour >= v_from;
		END IF;
		IF v_accepted >= p_relay_limit THEN
			RETURN QUERY SELECT 'quota-exceeded'::text, 'relay'::text, p_relay_limit, NULL::jsonb;
			RETURN;
		END IF;
		IF v_job.id IS NULL THEN
			INSERT INTO outbox_jobs (id, workspace_id, invoice_id, resend, device_id, document_type,
				status, next_attempt_at, created_at, updated_at, accepted_at)
				VALUES (p_job_id, p_workspace_id, p_invoice_id, p_resend, p_device_id, p_document_type,
					'queued', p_at, p_at, p_at, p_at)
				RETURNING * INTO v_job;
			v_kind := 'created';
		ELSE
			UPDATE outbox_jobs SET status = 'queued', attempts = 0, next_attempt_at = p_at,
				error_reason = NULL, error_retryable = NULL, error_code = NULL, via = NULL,
				warnings = '[]', channel = NULL, recipient = NULL, updated_at = p_at, accepted_at = p_at,
				device_id = p_device_id, document_type = p_document_type, purge_content_at = NULL,
				content_deleted_at = NULL, lease_until = NULL
				WHERE id = v_job.id
				RETURNING * INTO v_job;
			v_kind := 'requeued';
		END IF;
		INSERT INTO outbox_content (job_id, body) VALUES (v_job.id, p_content)
			ON CONFLICT (job_id) DO UPDATE SET body = excluded.body;
		DELETE FROM send_counts WHERE scope IN (p_workspace_id, '${RELAY_SCOPE}') AND hour < v_from;
		PERFORM pg_notify('${EVENTS_CHANNEL}', json_build_object('origin', p_origin, 'event',
			json_build_object('kind', 'job-queued', 'workspaceId', p_workspace_id, 'jobId', v_job.id)
		)::text);
		RETURN QUERY SELECT v_kind, NULL::text, NULL::bigint, to_jsonb(v_job);
	END
	$$;
	`;
}
