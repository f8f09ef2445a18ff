// Microsecond time for scheduling and latency. performance.now() is monotonic
// with sub-microsecond resolution and, unlike hrtime.bigint(), allocates nothing.

export type Clock = () => number;

export const monotonicUs: Clock = () => performance.now() * 1000;
