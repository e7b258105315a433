/**
 * The emulator's world: one JSON document, optionally persisted to a file so that separate processes (a test
 * runner, a Pulumi program, a CLI making an out-of-band change) all see the same certificates.
 *
 * Every read re-loads the file if another process changed it; every update runs under an in-process mutex plus a
 * lock file, re-loads, applies the change and writes atomically (temp file + rename).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { joinSentences } from "../shared/sentences";

export interface WorldState {
  version: 1;
  /** Per-API slices, owned by the API plug-ins (`ncloud`, `nhncloud`). */
  apis: Record<string, unknown>;
  /** The emulator's test CA (serialized), shared by every API that issues certificates. */
  ca?: {
    root: { certificatePem: string; privateKeyPem: string };
    intermediate: { certificatePem: string; privateKeyPem: string };
  };
  /** Added to the real clock: lets tests move time forward (expiry, renewal windows). */
  clockOffsetMs: number;
  /**
   * The API gateway's own offset (timestamp window, Date header). Usually equal to clockOffsetMs; kept apart so
   * tests can age certificates without every request failing the 5-minute signature window.
   */
  gatewayClockOffsetMs?: number;
}

export function emptyWorld(): WorldState {
  return { version: 1, apis: {}, clockOffsetMs: 0 };
}

const LOCK_STALE_MS = 10_000;

/** A state file that cannot be the emulator's: refused, never overwritten, so nothing in it is lost. */
export class StateFileError extends Error {
  override name = "StateFileError";
}

/** The world in a state file's text, or a StateFileError saying what is wrong with it (the file is not touched). */
export function parseWorld(text: string, file: string): WorldState {
  const keep = "Fix it or give another --state file; it was left untouched";
  if (text.trim() === "")
    throw new StateFileError(joinSentences(`emulator state file ${file} is empty (truncated?)`, keep));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new StateFileError(
      joinSentences(
        `emulator state file ${file} is not valid JSON (truncated, or not a state file): ${(err as Error).message}`,
        keep,
      ),
    );
  }
  const w = parsed as Partial<WorldState> | null;
  const isObject = (v: unknown) => !!v && typeof v === "object" && !Array.isArray(v);
  if (!isObject(w) || w?.version === undefined || !isObject(w.apis) || typeof w.clockOffsetMs !== "number") {
    throw new StateFileError(
      joinSentences(
        `emulator state file ${file} is not an emulator state file (expected { version: 1, apis: {...}, clockOffsetMs })`,
        keep,
      ),
    );
  }
  if (w.version !== 1)
    throw new StateFileError(joinSentences(`emulator state file ${file} has unknown version ${w.version}`, keep));
  return { ...emptyWorld(), ...(w as WorldState) };
}

export class StateStore {
  private world: WorldState;
  private fileStamp = "";
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file?: string) {
    this.world = emptyWorld();
    if (file) {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      this.reloadIfChanged();
    }
  }

  /** Runs `fn` on the current world without changing it. */
  read<R>(fn: (world: WorldState) => R): Promise<R> {
    return this.serialize(async () => {
      this.reloadIfChanged();
      return fn(this.world);
    });
  }

  /** Runs `fn`, which may change the world, and persists the result. */
  update<R>(fn: (world: WorldState) => R | Promise<R>): Promise<R> {
    return this.serialize(async () => {
      const unlock = await this.lockFile();
      try {
        this.reloadIfChanged();
        const result = await fn(this.world);
        this.persist();
        return result;
      } finally {
        unlock();
      }
    });
  }

  /** The clock every API uses: real time plus the world's offset. */
  now(): number {
    return Date.now() + this.world.clockOffsetMs;
  }

  /** The clock the API gateway checks request timestamps against and writes in the Date header. */
  gatewayNow(): number {
    return Date.now() + (this.world.gatewayClockOffsetMs ?? this.world.clockOffsetMs);
  }

  private serialize<R>(task: () => Promise<R>): Promise<R> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private stamp(): string {
    if (!this.file) return "";
    try {
      const st = fs.statSync(this.file);
      return `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      return "";
    }
  }

  private reloadIfChanged(): void {
    if (!this.file) return;
    const stamp = this.stamp();
    if (stamp === this.fileStamp) return;
    this.fileStamp = stamp;
    if (stamp === "") return; // no file yet: keep the in-memory world (first write creates it)
    this.world = parseWorld(fs.readFileSync(this.file, "utf8"), this.file);
  }

  private persist(): void {
    if (!this.file) return;
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.world), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    this.fileStamp = this.stamp();
  }

  private async lockFile(): Promise<() => void> {
    if (!this.file) return () => undefined;
    const lock = `${this.file}.lock`;
    for (let attempt = 0; ; attempt++) {
      try {
        const fd = fs.openSync(lock, "wx");
        fs.closeSync(fd);
        return () => fs.rmSync(lock, { force: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
        // A crashed process may leave the lock behind; take it over once it is clearly stale.
        try {
          if (Date.now() - fs.statSync(lock).mtimeMs > LOCK_STALE_MS) fs.rmSync(lock, { force: true });
        } catch {
          // vanished in between: just retry
        }
        if (attempt > 2000) throw new Error(`emulator state lock ${lock} is held by another process`);
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  }
}
