/**
 * Load from this process with autocannon (the servers run in their own processes), and the
 * figures the tables report: requests per second and latency percentiles.
 */
import autocannon from "autocannon";
import { percentile, round } from "./stats.ts";

export interface LoadOptions {
  readonly url: string;
  readonly method?: "GET" | "POST";
  readonly path: string;
  readonly headers?: Record<string, string>;
  /** The body of every request. */
  readonly body?: string;
  /** What request number `i` (0, 1, 2… in the order sent) changes: its body, more headers. */
  readonly vary?: (i: number) => { body?: string; headers?: Record<string, string> };
  readonly connections?: number;
  /** Seconds, or a fixed number of requests with `amount`. */
  readonly durationS?: number;
  readonly amount?: number;
}

export interface LoadResult {
  readonly requestsPerS: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Errors (connection failures, timeouts) plus answers that were not 2xx. */
  readonly failures: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { body, vary } = options;
  let sent = 0;
  const latencies: number[] = [];
  let failures = 0;
  const started = process.hrtime.bigint();
  let lastAt = started;
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: options.url,
      headers: options.headers ?? {},
      connections: options.connections ?? 10,
      ...(options.amount === undefined
        ? { duration: options.durationS ?? 5 }
        : { amount: options.amount }),
      timeout: 10,
      requests: [
        {
          method: options.method ?? "GET",
          path: options.path,
          ...(body === undefined ? {} : { body }),
          ...(vary === undefined
            ? {}
            : {
                setupRequest: (request) => {
                  const change = vary(sent++);
                  return {
                    ...request,
                    ...(change.body === undefined ? {} : { body: change.body }),
                    headers: { ...request.headers, ...change.headers },
                  };
                },
              }),
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  // autocannon's own figures are whole milliseconds in one-second buckets: too coarse for a
  // short fixed-size run. Every answer's time and the wall time are kept here instead.
  instance.on("response", (_client, statusCode, _bytes, ms) => {
    latencies.push(ms);
    if (statusCode < 200 || statusCode >= 300) failures++;
    lastAt = process.hrtime.bigint();
  });
  const result = await done;
  const elapsedS = Number(lastAt - started) / 1e9;
  return {
    requestsPerS: latencies.length / elapsedS,
    p50Ms: round(percentile(latencies, 50), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    requests: latencies.length,
    failures: failures + result.errors + result.timeouts,
  };
}
