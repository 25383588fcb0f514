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
	`
];
