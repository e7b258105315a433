/**
 * Why each resource class registers with stack traces paused (issue 13 §6, bench #9).
 *
 * Pulumi's Node SDK formats a stack trace for every promise it makes while registering a resource:
 * `transferProperties` wraps the four promises of each property (value, known, secret, dependencies) in
 * `debuggablePromise`, which reads `new Error().stack` at once, only to print it if the program ends with that
 * promise still pending. Pulumi's program runner installs source-map-support, which re-maps every frame of every
 * such read: about 0.2 ms each. An AdvancedCertificate has 29 properties (its ~22 outputs must be registered to
 * exist), so 116 reads, ~25 ms of CPU per resource: in a CPU profile of `pulumi preview` of 50 certificates it was
 * 1.3 s of the program's 4.3 s, against 0.1 s for the same number of one-property resources.
 *
 * Capturing no frames while the SDK's constructor runs removes that cost. What it leaves out, and why that is fine:
 * - the resource's source position, which the SDK sends to the engine, is unaffected: the SDK's
 *   `Resource.callsites` sets its own limit for that one capture;
 * - a leaked-promise report still names the resource and the property on its context line; the SDK prints the
 *   stacks only with PULUMI_DEBUG_PROMISE_LEAKS set, and then nothing is paused;
 * - an error thrown while registering (an invalid `parent`, a throwing transformation) would have no frames, so
 *   it is given the caller's: the program line that created the resource.
 * Stacks are paused only during the synchronous constructor; everything the SDK does later is untouched.
 */

import * as pulumi from "@pulumi/pulumi";

export interface PausedStacks {
  /** Puts the stack-trace limit back (idempotent). */
  resume(): void;
  /**
   * Resumes, and gives an error created while paused (so without frames) the frames of its caller, from the
   * caller of `resourceClass` down. Returns the error, to rethrow.
   */
  withCallerStack(err: unknown, resourceClass: NewableFunction): unknown;
}

/**
 * Error.stackTraceLimit = 0 until `resume()`; use as `try { super(...) } catch … finally { paused.resume() }`.
 * With PULUMI_DEBUG_PROMISE_LEAKS set, the one case in which the SDK prints those stacks, nothing is paused.
 */
export function pauseStackTraces(): PausedStacks {
  const limit = Error.stackTraceLimit;
  if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) Error.stackTraceLimit = 0;
  const resume = () => {
    Error.stackTraceLimit = limit;
  };
  return {
    resume,
    withCallerStack(err, resourceClass) {
      resume();
      if (err instanceof Error && !/\n\s+at /.test(String(err.stack))) Error.captureStackTrace(err, resourceClass);
      return err;
    },
  };
}

/** A dynamic resource that registers with stack traces paused: the one place every resource class gets it from. */
export class QuietlyRegisteredResource extends pulumi.dynamic.Resource {
  constructor(
    provider: pulumi.dynamic.ResourceProvider,
    name: string,
    props: pulumi.Inputs,
    opts: pulumi.CustomResourceOptions | undefined,
    module: string,
    type: string,
  ) {
    const paused = pauseStackTraces();
    try {
      super(provider, name, props, opts, module, type);
    } catch (err) {
      throw paused.withCallerStack(err, new.target);
    } finally {
      paused.resume();
    }
  }
}
