/**
 * Shared plumbing for the `...Output` data-source forms: dynamic providers cannot serve invokes, so the functions
 * run in the program process; `InvokeOutputOptions.dependsOn` is honoured by waiting for those resources' URNs.
 */
import * as pulumi from "@pulumi/pulumi";

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
