/** A provider host pointed at a fresh emulator, as the host tests use it. */
import { afterAll, beforeAll, expect, inject } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { closeSharedAgents } from "../../provider/shared/http";
import { ProviderHost, serializedProvider } from "./host";

type Props = Record<string, unknown>;

export interface HostWithEmulator {
  emulator: RunningEmulator;
  host: ProviderHost;
  /** The serialized provider, as the engine passes it in `__provider`. */
  provider: string;
  stop(): Promise<void>;
}

/** `shimFile`: which resource's forwarder `provider` holds (default AdvancedCertificate's). */
export async function startHostWithEmulator(fixtureDir: string, shimFile?: string): Promise<HostWithEmulator> {
  const emulator = await startEmulator();
  const provider = await serializedProvider(fixtureDir, shimFile);
  const host = await ProviderHost.start(fixtureDir, { NCLOUD_ACCESS_KEY: undefined, NCLOUD_SECRET_KEY: undefined });
  await host.configure({
    "ncloud:accessKey": emulator.ncloudCredentials.accessKey,
    "ncloud:secretKey": emulator.ncloudCredentials.secretKey,
    "ncloud:certificateManagerEndpoint": emulator.url,
    "ncloud:globalDnsEndpoint": emulator.globalDnsEndpoint,
  });
  return {
    emulator,
    host,
    provider,
    async stop() {
      await host.stop();
      await emulator.close();
      await closeSharedAgents();
    },
  };
}

/** check, then create, the way `pulumi up` does for a new resource; check must pass. */
export async function checkAndCreate(host: ProviderHost, news: Props) {
  const checked = await host.check({}, news);
  expect(checked.failures).toEqual([]);
  const created = await host.create(checked.inputs);
  return { inputs: checked.inputs, ...created };
}

/** startHostWithEmulator for a whole test file: started before its tests, stopped after them. */
export function hostWithEmulatorForFile(shimFile?: string): HostWithEmulator {
  const ctx = {} as HostWithEmulator;
  beforeAll(async () => {
    Object.assign(ctx, await startHostWithEmulator(inject("fixtureDir"), shimFile));
  });
  afterAll(() => ctx.stop?.());
  return ctx;
}
