/** The transient faults the reliability suites put on each operation, one at a time. */
import type { FaultRule } from "../../provider/emulator";

export const TRANSIENT_FAULTS: Omit<FaultRule, "operation">[] = [
  { kind: "status", status: 500 },
  { kind: "status", status: 503 },
  { kind: "status", status: 504 },
  { kind: "rateLimit", retryAfterSeconds: 0 },
  { kind: "resetBeforeCommit" },
  { kind: "resetAfterCommit" },
  { kind: "slow", delayMs: 200 },
  { kind: "garbage" },
  { kind: "html" },
];
