/**
 * The modules of `@pulumi/pulumi` (subpaths only: its root drags in the closure serializer and a vendored
 * TypeScript) and of its own dependencies that the plugin uses, loaded through the SDK so they are its copies.
 * `npm run build:plugin` bundles the plugin by replacing this file with static requires of the same table
 * (scripts/build-plugin.js), since a bundler cannot follow `createRequire`.
 */
import { createRequire } from "node:module";

export const SDK_MODULES = {
  grpc: "@grpc/grpc-js",
  providerPb: "@pulumi/pulumi/proto/provider_pb",
  providerGrpc: "@pulumi/pulumi/proto/provider_grpc_pb",
  pluginPb: "@pulumi/pulumi/proto/plugin_pb",
  statusPb: "@pulumi/pulumi/proto/status_pb",
  enginePb: "@pulumi/pulumi/proto/engine_pb",
  engineGrpc: "@pulumi/pulumi/proto/engine_grpc_pb",
  structPb: "google-protobuf/google/protobuf/struct_pb",
  emptyPb: "google-protobuf/google/protobuf/empty_pb",
  anyPb: "google-protobuf/google/protobuf/any_pb",
} as const;

// biome-ignore lint/suspicious/noExplicitAny: gRPC and the generated protobuf messages are untyped here
type Loaded = Record<keyof typeof SDK_MODULES, any>;

const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
export const sdk = Object.fromEntries(
  Object.entries(SDK_MODULES).map(([name, specifier]) => [name, pulumiRequire(specifier)]),
) as Loaded;
