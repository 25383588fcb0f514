/** Milliseconds since the Unix epoch, as every table stores time. */
export type Epoch = number;
