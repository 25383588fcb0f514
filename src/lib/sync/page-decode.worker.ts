/// <reference lib="webworker" />
// Decodes pulled pages for a bulk pull (a new device's first sync) off the main thread.
import { serveDecode } from './page-decode';

serveDecode(self as unknown as DedicatedWorkerGlobalScope);
