/**
 * The provider object each dynamic resource hands to Pulumi: a forwarder module (see shim.ts) that captures nothing
 * and calls the installed implementation by name, so fixes reach existing stacks and no credential enters state.
 *
 * Pulumi stores a module it can name as `require("<package>/<subpath>")`, which keeps `__provider` to a few hundred
 * bytes, but it names the module by resolving our package from its own directory, and where that finds nothing
 * (pnpm's strict layout) or another copy, the stored `require` would break `refresh` and `destroy`. So the module
 * itself is passed only when @pulumi/pulumi resolves the public subpath to this very file; otherwise a plain copy,
 * serialized by value, which works anywhere.
 */
import { createRequire } from "node:module";
import type * as dynamic from "@pulumi/pulumi/dynamic";

/**
 * @param shimFile the forwarder module's resolved path (`require.resolve("../../shim")` from the caller)
 * @param publicName the package subpath that exports it, e.g. `pulumi-certmanager-kr/shim`
 */
export function serializedForwarder(shimFile: string, publicName: string): dynamic.ResourceProvider {
  const shimModule: dynamic.ResourceProvider = require(shimFile);
  try {
    // A require rooted in @pulumi/pulumi's own files: `require.resolve(name, { paths })` from here would find this
    // package through Node's self-reference (our own "exports") even where @pulumi/pulumi cannot see it.
    const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/runtime/closure/package.js"));
    if (pulumiRequire.resolve(publicName) === shimFile) return shimModule;
  } catch {
    // not resolvable from @pulumi/pulumi: fall through to the copy
  }
  return { ...shimModule };
}
