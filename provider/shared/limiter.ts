/**
 * One concurrency limiter per API per process. Pulumi runs many resources at once inside one provider process,
 * and data sources fan out pages; without a cap, a stack of 100 certificates becomes a burst of rate-limited calls.
 * The cap is per API because NCP and NHN are separate services with separate limits.
 */
import type { ApiName } from "./errors";

const DEFAULT_LIMITS: Record<ApiName, number> = { ncloud: 8, ncloudGlobalDns: 8, nhncloud: 16 };
const ENV_VARS: Record<ApiName, string> = {
  ncloud: "NCLOUD_CERTIFICATE_MANAGER_MAX_CONCURRENCY",
  ncloudGlobalDns: "NCLOUD_GLOBAL_DNS_MAX_CONCURRENCY",
  nhncloud: "NHNCLOUD_CERTIFICATE_MANAGER_MAX_CONCURRENCY",
};

export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Highest number of calls seen in flight at once (for tests and benchmarks). */
  peak = 0;

  constructor(public limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

const limiters = new Map<ApiName, Limiter>();

/** The process-wide limiter of an API; its limit comes from the environment variable named above, if set. */
export function apiLimiter(api: ApiName): Limiter {
  let limiter = limiters.get(api);
  if (!limiter) {
    const fromEnv = Number(process.env[ENV_VARS[api]]);
    limiter = new Limiter(Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_LIMITS[api]);
    limiters.set(api, limiter);
  }
  return limiter;
}

/** Changes an API's limit at run time (for example from the provider's configure()). */
export function setApiConcurrency(api: ApiName, limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`concurrency for ${api} must be a whole number >= 1`);
  apiLimiter(api).limit = limit;
}
