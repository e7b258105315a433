/**
 * Diagnostics through the engine's Log RPC, attached to the resource the call is about, so the CLI prints a line
 * under that resource (a dynamic provider can only print stack-level lines). The implementation keeps writing
 * `console.log` as it does under the dynamic door; inside a call the plugin routes those lines here with the call's
 * URN. Lines are sent in order and awaited before the call answers, so none arrives after its resource is done.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { format } from "node:util";
import { sdk } from "./sdk";

const { grpc, engineGrpc, enginePb } = sdk;

export type Severity = "debug" | "info" | "warning" | "error";
const SEVERITY = { debug: 0, info: 1, warning: 2, error: 3 } as const;

const call = new AsyncLocalStorage<{ urn: string }>();
let engine: { log(req: unknown, cb: (err: Error | null) => void): void } | undefined;
let sending: Promise<void> = Promise.resolve();

export function connectEngine(address: string | undefined): void {
  if (address) engine = new engineGrpc.EngineClient(address, grpc.credentials.createInsecure());
}

/** Runs one RPC's work with its URN as the place its lines are attached to; waits for its lines to be sent. */
export async function withResource<T>(urn: string, work: () => Promise<T>): Promise<T> {
  try {
    return await call.run({ urn }, work);
  } finally {
    await sending;
  }
}

export function log(severity: Severity, message: string, urn = call.getStore()?.urn ?? ""): void {
  if (!engine) {
    process.stderr.write(`${message}\n`);
    return;
  }
  const req = new enginePb.LogRequest();
  req.setSeverity(SEVERITY[severity]);
  req.setMessage(message);
  req.setUrn(urn);
  const client = engine;
  // Chained, so lines keep their order; a failed send falls back to stderr rather than losing the line.
  sending = sending.then(
    () =>
      new Promise<void>((resolve) =>
        client.log(req, (err) => {
          if (err) process.stderr.write(`${message}\n`);
          resolve();
        }),
      ),
  );
}

/** Routes the implementation's console output to the engine (stdout carries only the port the plugin listens on). */
export function routeConsole(): void {
  console.log = (...args: unknown[]) => log("info", format(...args));
  console.info = console.log;
  console.warn = (...args: unknown[]) => log("warning", format(...args));
  console.error = (...args: unknown[]) => log("error", format(...args));
}
