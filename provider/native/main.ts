/**
 * `pulumi-resource-certmanager-kr`: the native plugin for every Pulumi language. The engine starts it with its own
 * address as the argument (plus logging flags) and reads the port from the first line of stdout.
 */
import { connectEngine, log, routeConsole } from "./log";
import { buildSchema } from "./schema";
import { sdk } from "./sdk";
import { providerService, ResourceProviderService } from "./server";

const { grpc } = sdk;

/** The engine's address: the first argument that is not one of the flags the engine passes to every plugin. */
function engineAddress(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--tracing") i++;
    else if (!args[i].startsWith("-")) return args[i];
  }
  return undefined;
}

async function main(args: string[]): Promise<void> {
  const version: string = require("../../package.json").version;
  let schema: string | undefined;
  const service = providerService(version, () => {
    schema ??= JSON.stringify(buildSchema(version));
    return schema;
  });
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(ResourceProviderService, service);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err: Error | null, p: number) =>
      err ? reject(err) : resolve(p),
    ),
  );
  connectEngine(engineAddress(args));
  process.stdout.write(`${port}\n`);
  routeConsole();
  // A failure outside any call still reaches the user as an error, not as a plugin that vanished.
  const report = (err: unknown) => log("error", `certmanager-kr: ${(err as Error)?.stack ?? String(err)}`);
  process.on("uncaughtException", report);
  process.on("unhandledRejection", report);
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`pulumi-resource-certmanager-kr: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
