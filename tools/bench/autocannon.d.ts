// autocannon 8 ships no type declarations; this covers the programmatic API the turn benchmarks use.
declare module 'autocannon' {
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  namespace autocannon {
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      /** The second argument is the connection's own context (initialContext, copied per connection). */
      setupRequest?: (req: Request, context: Record<string, unknown>) => Request;
    }
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      amount?: number;
      pipelining?: number;
      timeout?: number;
      requests?: Request[];
      initialContext?: Record<string, unknown>;
      /** Requests per second over all connections (a bounded load). */
      overallRate?: number;
    }
    interface Histogram { average: number; p50: number; p90: number; p99: number; max: number; mean: number }
    interface Result {
      requests: Histogram & { total: number; sent: number };
      latency: Histogram;
      errors: number;
      timeouts: number;
      non2xx: number;
      duration: number;
      '2xx': number;
    }
  }
  export = autocannon;
}
