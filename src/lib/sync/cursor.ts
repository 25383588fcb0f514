/** The `syncMeta` key of the cursor: the relay sequence number of the last row applied here. */
export const CURSOR_KEY = 'cursor';
