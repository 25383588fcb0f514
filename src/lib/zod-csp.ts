import { z } from 'zod';

/**
 * The app runs under a Content-Security-Policy without 'unsafe-eval' (the relay sets it:
 * relay/src/http/security-headers.ts). zod probes `Function('')` to decide whether to compile
 * fast object parsers; the policy blocks and reports that probe. In jitless mode zod never tries.
 * Every bundle entry that parses imports this first: the page (hooks.client). The PDF worker
 * loads no zod at all (pdf.worker.ts says why).
 */
z.config({ jitless: true });
