import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, TransportError } from "../../provider/shared/errors";
import { closeSharedAgents, parseRetryAfter, sendHttp } from "../../provider/shared/http";

let server: http.Server;
let base: string;
let connections = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/big") {
      res.end(Buffer.alloc(64 * 1024, 97));
      return;
    }
    if (req.url === "/stall-body") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("partial");
      return; // never ends
    }
    res.end(JSON.stringify({ ok: true }));
  });
  server.on("connection", () => {
    connections += 1;
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await closeSharedAgents();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const get = (path: string, extra: Partial<Parameters<typeof sendHttp>[1]> = {}) =>
  sendHttp("ncloud", { method: "GET", url: new URL(path, base), headers: {}, operation: "test", ...extra });

describe("sendHttp", () => {
  it("reuses keep-alive connections for sequential calls (no per-request connection setup)", async () => {
    const before = connections;
    for (let i = 0; i < 20; i++) expect((await get("/")).status).toBe(200);
    // undici's pool may open a second socket while the first is being released; never one per call.
    expect(connections - before).toBeLessThanOrEqual(2);
  });

  it("bounds concurrent connections per origin", async () => {
    const before = connections;
    await Promise.all(Array.from({ length: 64 }, () => get("/")));
    expect(connections - before).toBeLessThanOrEqual(16);
  });

  it("refuses a body larger than the limit: an answer that arrived, not a transport failure", async () => {
    const err = await get("/big", { maxResponseBytes: 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("RESPONSE_TOO_LARGE");
    expect((err as ApiError).message).not.toContain("may have been processed");
  });

  it("gives up on a stalled body at the body deadline", async () => {
    const started = Date.now();
    const err = await get("/stall-body", { deadlines: { bodyMs: 200 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).ambiguous).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("7")).toBe(7);
    expect(parseRetryAfter(new Date(10_000 + 30_000).toUTCString(), 10_000)).toBe(30);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe("per-API limiter", () => {
  it("never lets more calls than the limit run at once, and the limit can change", async () => {
    const { Limiter } = await import("../../provider/shared/limiter");
    const limiter = new Limiter(3);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(limiter.peak).toBe(3);
  });

  it("ncloud:maxConcurrency in stack config sets the NCP limit", async () => {
    const { configureNcloud } = await import("../../provider/ncloud/api/settings");
    const { apiLimiter } = await import("../../provider/shared/limiter");
    configureNcloud({ get: (k: string) => (k === "ncloud:maxConcurrency" ? "3" : undefined) });
    expect(apiLimiter("ncloud").limit).toBe(3);
    expect(() => configureNcloud({ get: (k: string) => (k === "ncloud:maxConcurrency" ? "many" : undefined) })).toThrow(
      /ncloud:maxConcurrency must be a whole number/,
    );
    configureNcloud({ get: (k: string) => (k === "ncloud:maxConcurrency" ? "8" : undefined) });
    configureNcloud(undefined);
  });
});
