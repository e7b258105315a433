/**
 * Shared plumbing of the data sources. Dynamic providers cannot serve invokes, so the functions run in the program
 * process: `InvokeOutputOptions.dependsOn` is honoured by waiting for those resources' URNs, and a settings problem
 * is a `pulumi.RunError`, which Pulumi reports as one line (not as "failed with an unhandled exception" and a
 * stack trace, which buried the message that names the config key and environment variable to set).
 */
import * as pulumi from "@pulumi/pulumi";
import type { NhnClientOptions } from "./client";
import { NhnArgumentError } from "./queries";
import { NHN_CONFIG_NAMESPACE, NhnSettingsError, nhnClientOptions } from "./settings";

/** The client options from the argument, stack config and environment; a missing or half setting is a RunError. */
export function dataSourceClientOptions(appKey: string | undefined): NhnClientOptions {
  try {
    return nhnClientOptions(appKey, new pulumi.Config(NHN_CONFIG_NAMESPACE));
  } catch (err) {
    throw err instanceof NhnSettingsError ? new pulumi.RunError(err.message) : err;
  }
}

// Stands for an appKey given as an Output: present, but not known until it resolves.
const APPKEY_NOT_YET_KNOWN = "appkey-not-yet-known";

/**
 * For the Output forms: checks, at the call, the settings that can be known then, so a missing appkey fails the
 * program at the line that asked for the data. Failing later, inside an apply, also rejects Pulumi's internal
 * promises of that Output, which test runners under `setMocks` report as unhandled errors.
 */
export function checkSettingsAtCall(appKey: pulumi.Input<string | undefined>): void {
  dataSourceClientOptions(appKey === undefined || typeof appKey === "string" ? appKey : APPKEY_NOT_YET_KNOWN);
}

/** Runs a data source's work; a mistake in the arguments is reported like a settings problem, as one line. */
export async function inProgram<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw err instanceof NhnArgumentError ? new pulumi.RunError(err.message) : err;
  }
}

export function waitForDependencies(dependsOn: pulumi.InvokeOutputOptions["dependsOn"]): pulumi.Output<unknown> {
  return dependsOn ? urnsOf(dependsOn) : pulumi.output([]);
}

/** Resolves a resource, list of resources, or Output/Promise of those, to their URNs. */
function urnsOf(value: unknown): pulumi.Output<unknown> {
  if (pulumi.Resource.isInstance(value)) return value.urn;
  if (Array.isArray(value)) return pulumi.all(value.map(urnsOf));
  if (pulumi.Output.isInstance(value)) return (value as pulumi.Output<unknown>).apply(urnsOf);
  if (value && typeof (value as PromiseLike<unknown>).then === "function") {
    return pulumi
      .output((value as Promise<unknown>).then((v) => ({ v })))
      .apply((box) => urnsOf((box as { v: unknown }).v));
  }
  return pulumi.output(value);
}
