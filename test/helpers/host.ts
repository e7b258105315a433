/**
 * Drives the real Pulumi dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) over gRPC, the way the
 * engine does: the host runs with the fixture project as its working directory, so the serialized provider loads
 * `pulumi-certmanager-kr/provider` from the installed `npm pack` tarball.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";

const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
// Load gRPC and protobuf through @pulumi/pulumi so the message classes are the ones the SDK uses.
const grpc = pulumiRequire("@grpc/grpc-js");
const providerGrpc = pulumiRequire("@pulumi/pulumi/proto/provider_grpc_pb");
const providerPb = pulumiRequire("@pulumi/pulumi/proto/provider_pb");
const statusPb = pulumiRequire("@pulumi/pulumi/proto/status_pb");
const structPb = pulumiRequire("google-protobuf/google/protobuf/struct_pb");
const emptyPb = pulumiRequire("google-protobuf/google/protobuf/empty_pb");

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Props = Record<string, unknown>;

export interface InitFailure {
  message: string;
  id: string;
  properties: Props;
  reasons: string[];
}

/** A gRPC error from the host, with the partial-initialisation details decoded when present. */
export class HostError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly initFailure?: InitFailure,
  ) {
    super(message);
  }
}

/**
 * Serializes the installed package's forwarder exactly as `pulumi.dynamic.Resource` does; `shimFile` picks the
 * resource (`shim.js` for AdvancedCertificate, `shims/globalDnsRecord.js`).
 */
export async function serializedProvider(fixtureDir: string, shimFile = "shim.js"): Promise<string> {
  const pulumi = pulumiRequire("@pulumi/pulumi");
  const shimPath = path.join(fixtureDir, "node_modules", "pulumi-certmanager-kr", "dist", shimFile);
  // A copy of the installed forwarder, serialized by value: the form used wherever @pulumi/pulumi cannot name the
  // module (here the fixture borrows the repo's @pulumi/pulumi). The module form is tested in realLayout.test.ts.
  const shim = { ...createRequire(shimPath)(shimPath) };
  const fn = await pulumi.runtime.serializeFunction(() => shim, { allowSecrets: true });
  return fn.text as string;
}

export class ProviderHost {
  stdout = "";
  stderr = "";
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: InstanceType<typeof providerGrpc.ResourceProviderClient>,
  ) {}

  /** `hostScript`: another @pulumi/pulumi's host (default: the repo's), e.g. the one a fixture installed itself. */
  static start(
    fixtureDir: string,
    env: Record<string, string | undefined> = {},
    hostScript = pulumiRequire.resolve("@pulumi/pulumi/cmd/dynamic-provider"),
  ): Promise<ProviderHost> {
    return ProviderHost.launch(process.execPath, [hostScript, "127.0.0.1:1"], fixtureDir, {
      PULUMI_NODEJS_PROJECT: "testproj",
      ...env,
    });
  }

  /**
   * The native plugin (bin/pulumi-resource-certmanager-kr), as the engine starts it: the engine's address as the
   * argument. Its resources are addressed by their schema token (`forType`). `command`: another build of it, e.g.
   * the single executable (npm run build:plugin), started in its own folder.
   */
  static async startNative(
    engineAddress = "127.0.0.1:1",
    env: Record<string, string | undefined> = {},
    command?: string,
  ) {
    const root = path.resolve(__dirname, "..", "..");
    const host = await ProviderHost.launch(
      command ?? path.join(root, "bin", "pulumi-resource-certmanager-kr"),
      [engineAddress],
      command ? path.dirname(command) : root,
      env,
    );
    return host.forType("certmanager-kr:ncloud:AdvancedCertificate");
  }

  /** Addresses later calls to a resource of this type. */
  forType(type: string): this {
    this.resourceType = type;
    return this;
  }

  private resourceType = "pulumi-nodejs:dynamic/ncloud:AdvancedCertificate";

  private urn(): string {
    return `urn:pulumi:test::testproj::${this.resourceType}::cert`;
  }

  private static async launch(
    command: string,
    args: string[],
    cwd: string,
    env: Record<string, string | undefined>,
  ): Promise<ProviderHost> {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let early = "";
    const port = await new Promise<number>((resolve, reject) => {
      const onData = (d: Buffer) => {
        early += d.toString();
        const nl = early.indexOf("\n");
        if (nl >= 0) {
          child.stdout?.off("data", onData);
          resolve(Number(early.slice(0, nl).trim()));
        }
      };
      child.stdout?.on("data", onData);
      child.once("exit", (code) => reject(new Error(`provider host exited early (${code}): ${early}`)));
    });
    const client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const host = new ProviderHost(child, client);
    host.stdout = early.slice(early.indexOf("\n") + 1);
    child.stdout?.on("data", (d: Buffer) => {
      host.stdout += d.toString();
    });
    child.stderr?.on("data", (d: Buffer) => {
      host.stderr += d.toString();
    });
    return host;
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once("exit", r));
      this.child.kill("SIGTERM");
      await exited;
    }
  }

  private rpc<T>(method: string, req: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
      this.client[method](
        req,
        (err: { code: number; details: string; metadata?: { get(k: string): Buffer[] } } | null, res: T) => {
          if (err) reject(toHostError(err));
          else resolve(res);
        },
      );
    });
  }

  async pluginVersion(): Promise<string> {
    const res = await this.rpc<{ getVersion(): string }>("getPluginInfo", new emptyPb.Empty());
    return res.getVersion();
  }

  async configure(config: Record<string, string>): Promise<{ acceptSecrets: boolean; supportsPreview: boolean }> {
    const req = new providerPb.ConfigureRequest();
    req.setArgs(structPb.Struct.fromJavaScript(config));
    const res = await this.rpc<{ getAcceptsecrets(): boolean; getSupportspreview(): boolean }>("configure", req);
    return { acceptSecrets: res.getAcceptsecrets(), supportsPreview: res.getSupportspreview() };
  }

  async check(olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    const req = new providerPb.CheckRequest();
    req.setUrn(this.urn());
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    const res = await this.rpc<{
      getInputs(): { toJavaScript(): Props };
      getFailuresList(): { getProperty(): string; getReason(): string }[];
    }>("check", req);
    return {
      inputs: res.getInputs().toJavaScript(),
      failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(
    id: string,
    olds: Props,
    news: Props,
  ): Promise<{ changes: "unknown" | "none" | "some"; replaces: string[]; deleteBeforeReplace: boolean }> {
    const req = new providerPb.DiffRequest();
    req.setId(id);
    req.setUrn(this.urn());
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    const res = await this.rpc<{
      getChanges(): number;
      getReplacesList(): string[];
      getDeletebeforereplace(): boolean;
    }>("diff", req);
    return {
      changes: (["unknown", "none", "some"] as const)[res.getChanges()],
      replaces: res.getReplacesList(),
      deleteBeforeReplace: res.getDeletebeforereplace(),
    };
  }

  async create(properties: Props): Promise<{ id: string; properties: Props }> {
    const req = new providerPb.CreateRequest();
    req.setUrn(this.urn());
    req.setProperties(struct(properties));
    const res = await this.rpc<{ getId(): string; getProperties(): { toJavaScript(): Props } }>("create", req);
    return { id: res.getId(), properties: res.getProperties().toJavaScript() };
  }

  async read(
    id: string,
    properties: Props,
    inputs?: Props,
  ): Promise<{ id: string; properties: Props; inputs?: Props }> {
    const req = new providerPb.ReadRequest();
    req.setId(id);
    req.setUrn(this.urn());
    req.setProperties(struct(properties));
    if (inputs) req.setInputs(struct(inputs));
    const res = await this.rpc<{
      getId(): string;
      getProperties(): { toJavaScript(): Props } | undefined;
      getInputs(): { toJavaScript(): Props } | undefined;
    }>("read", req);
    return {
      id: res.getId(),
      properties: res.getProperties()?.toJavaScript() ?? {},
      inputs: res.getInputs()?.toJavaScript(),
    };
  }

  async update(id: string, olds: Props, news: Props): Promise<Props> {
    const req = new providerPb.UpdateRequest();
    req.setId(id);
    req.setUrn(this.urn());
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    const res = await this.rpc<{ getProperties(): { toJavaScript(): Props } }>("update", req);
    return res.getProperties().toJavaScript();
  }

  async checkConfig(news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    const req = new providerPb.CheckRequest();
    req.setUrn("urn:pulumi:test::testproj::pulumi:providers:certmanager-kr::default");
    req.setOlds(struct({}));
    req.setNews(struct(news));
    const res = await this.rpc<{
      getInputs(): { toJavaScript(): Props };
      getFailuresList(): { getProperty(): string; getReason(): string }[];
    }>("checkConfig", req);
    return {
      inputs: res.getInputs().toJavaScript(),
      failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async schema(): Promise<Props> {
    const res = await this.rpc<{ getSchema(): string }>("getSchema", new providerPb.GetSchemaRequest());
    return JSON.parse(res.getSchema()) as Props;
  }

  async invoke(
    token: string,
    args: Props,
  ): Promise<{ outputs: Props; failures: { property: string; reason: string }[] }> {
    const req = new providerPb.InvokeRequest();
    req.setTok(token);
    req.setArgs(struct(args));
    const res = await this.rpc<{
      getReturn(): { toJavaScript(): Props } | undefined;
      getFailuresList(): { getProperty(): string; getReason(): string }[];
    }>("invoke", req);
    return {
      outputs: res.getReturn()?.toJavaScript() ?? {},
      failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async delete(id: string, properties: Props): Promise<void> {
    const req = new providerPb.DeleteRequest();
    req.setId(id);
    req.setUrn(this.urn());
    req.setProperties(struct(properties));
    await this.rpc("delete", req);
  }
}

function struct(p: Props): unknown {
  return structPb.Struct.fromJavaScript(JSON.parse(JSON.stringify(p)));
}

function toHostError(err: { code: number; details: string; metadata?: { get(k: string): Buffer[] } }): HostError {
  const bin = err.metadata?.get("grpc-status-details-bin")?.[0];
  if (!bin) return new HostError(err.details, err.code);
  const status = statusPb.Status.deserializeBinary(bin);
  for (const any of status.getDetailsList()) {
    if (any.getTypeUrl().endsWith("pulumirpc.ErrorResourceInitFailed")) {
      const detail = providerPb.ErrorResourceInitFailed.deserializeBinary(any.getValue());
      return new HostError(err.details, err.code, {
        message: status.getMessage(),
        id: detail.getId(),
        properties: detail.getProperties()?.toJavaScript() ?? {},
        reasons: detail.getReasonsList(),
      });
    }
  }
  return new HostError(err.details, err.code);
}
