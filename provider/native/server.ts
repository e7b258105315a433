/**
 * The plugin's ResourceProvider service: wire form in, the registry's implementation called, wire form out. No
 * resource logic here. It implements the service from the SDK's own generated messages (`@pulumi/pulumi/proto/*`)
 * rather than through `@pulumi/pulumi/provider`'s server, whose gaps matter here: Configure never reaches the
 * implementation, Diff drops `stables`, an id-only Read (import) or a vanished resource crashes on missing
 * properties, and every failure is printed with its stack.
 */
import { autoNamePrefix } from "../dynamic/autoName";
import { unknownFieldFailures } from "../dynamic/inputFields";
import { nhnClientOptions } from "../nhncloud/settings";
import { inputSchema, secretNames } from "../schema/fields";
import { configByKey, nativeName, PROVIDER_CONFIG } from "./config";
import { log, withResource } from "./log";
import { FUNCTIONS, RESOURCES, type ResourceEntry } from "./registry";
import { sdk } from "./sdk";
import { unwrapProps, wrapSecrets } from "./values";

const {
  grpc,
  providerPb: provproto,
  pluginPb: plugproto,
  statusPb: statusproto,
  structPb: structproto,
  emptyPb: emptyproto,
  anyPb: anyproto,
} = sdk;

type Props = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: generated protobuf messages are untyped here
type Message = any;
type Callback = (err: unknown, value?: unknown, trailer?: unknown) => void;

export const ResourceProviderService = sdk.providerGrpc.ResourceProviderService;

const struct = (props: Props) => structproto.Struct.fromJavaScript(props);
const plain = (s: Message | undefined): Props => unwrapProps(s?.toJavaScript());

/** `urn:pulumi:stack::project::parent$certmanager-kr:ncloud:X::name` → the type token and the name. */
function parseUrn(urn: string): { token: string; name: string } {
  const parts = urn.split("::");
  return { token: (parts[2] ?? "").split("$").pop() ?? "", name: parts.slice(3).join("::") };
}

function resourceFor(urn: string): ResourceEntry {
  const { token } = parseUrn(urn);
  const entry = RESOURCES[token];
  if (!entry) throw new Error(`certmanager-kr has no resource ${token}`);
  return entry;
}

function failures(list: { property: string; reason: string }[]): Message[] {
  return list.map((f) => {
    const m = new provproto.CheckFailure();
    m.setProperty(f.property);
    m.setReason(f.reason);
    return m;
  });
}

/** An error as the engine reads it; a partial initialisation (dynamic/initError.ts) carries its id and state. */
function grpcError(err: unknown, secrets: readonly string[] = []): Message {
  const e = err as { message?: string; id?: string; properties?: Props; reasons?: string[] };
  const message = e?.message ?? String(err);
  const metadata = new grpc.Metadata();
  if (e?.id) {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(e.id);
    detail.setProperties(struct(wrapSecrets(e.properties ?? {}, secrets)));
    detail.setReasonsList(e.reasons ?? []);
    const any = new anyproto.Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: message, message, metadata };
}

/** One RPC: its work runs attached to the request's URN (diagnostics), its failure becomes a gRPC error. */
function rpc(work: (req: Message) => Promise<Message>, secretsOf?: (req: Message) => readonly string[]) {
  return (call: { request: Message }, callback: Callback) => {
    const urn: string = typeof call.request.getUrn === "function" ? call.request.getUrn() : "";
    withResource(urn, () => work(call.request)).then(
      (resp) => callback(null, resp),
      (err) => {
        const e = grpcError(err, secretsOf?.(call.request));
        callback(e, null, e.metadata);
      },
    );
  };
}

const secretsForUrn = (req: Message) => secretNames(resourceFor(req.getUrn()).fields);

export function providerService(version: string, schema: () => string) {
  let config = new Map<string, string>();
  return {
    getPluginInfo: rpc(async () => new plugproto.PluginInfo().setVersion(version)),
    getSchema: rpc(async () => new provproto.GetSchemaResponse().setSchema(schema())),
    cancel: rpc(async () => new emptyproto.Empty()),

    checkConfig: rpc(async (req) => {
      const news = req.getNews()?.toJavaScript() ?? {};
      // `version` and `pluginDownloadURL` are the engine's own provider inputs.
      const fields = [...Object.keys(PROVIDER_CONFIG), "version", "pluginDownloadURL"];
      const refused = unknownFieldFailures(news, { resource: "the certmanager-kr provider", fields });
      // Secrets stay wrapped: the engine keeps the provider's inputs in state, encrypted as given.
      return new provproto.CheckResponse().setInputs(struct(news)).setFailuresList(failures(refused));
    }),

    // Hands the provider configuration to the implementation under the keys it reads (config.ts).
    configure: rpc(async (req) => {
      const args = req.getArgs() ? plain(req.getArgs()) : undefined;
      const variables: Props = {};
      for (const [k, v] of req.getVariablesMap().entries())
        variables[String(k).replace(/^certmanager-kr:config:/, "")] = v;
      config = configByKey(args ?? variables);
      const source = { get: (key: string) => config.get(key), nameOf: nativeName };
      for (const entry of Object.values(RESOURCES)) await entry.implementation.configure({ config: source });
      return new provproto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(false);
    }),

    check: rpc(async (req) => {
      const { fields, implementation } = resourceFor(req.getUrn());
      const news = plain(req.getNews());
      // Auto-naming: the dynamic class passes the resource name this way; here the engine tells it.
      if (fields.autoName && (news[fields.autoName] === undefined || news[fields.autoName] === null)) {
        news.__internal = { ...(news.__internal as Props), namePrefix: autoNamePrefix(parseUrn(req.getUrn()).name) };
      }
      const result = await implementation.check(plain(req.getOlds()), news);
      const resp = new provproto.CheckResponse().setInputs(struct(wrapSecrets(result.inputs, secretNames(fields))));
      return resp.setFailuresList(failures(result.failures ?? []));
    }),

    diff: rpc(async (req) => {
      const { implementation } = resourceFor(req.getUrn());
      const d = await implementation.diff(req.getId(), plain(req.getOlds()), plain(req.getNews()));
      const resp = new provproto.DiffResponse();
      const C = provproto.DiffResponse.DiffChanges;
      resp.setChanges(d.changes === true ? C.DIFF_SOME : d.changes === false ? C.DIFF_NONE : C.DIFF_UNKNOWN);
      resp.setReplacesList(d.replaces ?? []);
      resp.setStablesList(d.stables ?? []);
      resp.setDeletebeforereplace(d.deleteBeforeReplace === true);
      return resp;
    }),

    create: rpc(async (req) => {
      const { fields, implementation } = resourceFor(req.getUrn());
      const r = await implementation.create(plain(req.getProperties()));
      return new provproto.CreateResponse().setId(r.id).setProperties(struct(wrapSecrets(r.outs, secretNames(fields))));
    }, secretsForUrn),

    // Refresh (state given) and import (the id alone). A resource gone from NCP answers with an empty id.
    read: rpc(async (req) => {
      const { fields, implementation } = resourceFor(req.getUrn());
      const props = plain(req.getProperties());
      if (Object.keys(props).length === 0 && !fields.importId) {
        throw new Error(`${parseUrn(req.getUrn()).token} cannot be imported yet; declare it in the program instead`);
      }
      const r = await implementation.read(req.getId(), props);
      const resp = new provproto.ReadResponse();
      if (!r.id) return resp.setId("");
      const secret = secretNames(fields);
      resp.setId(r.id).setProperties(struct(wrapSecrets(r.props ?? {}, secret)));
      if (r.inputs) resp.setInputs(struct(wrapSecrets(r.inputs, secret)));
      return resp;
    }),

    update: rpc(async (req) => {
      const { fields, implementation } = resourceFor(req.getUrn());
      const r = await implementation.update(req.getId(), plain(req.getOlds()), plain(req.getNews()));
      return new provproto.UpdateResponse().setProperties(struct(wrapSecrets(r.outs, secretNames(fields))));
    }, secretsForUrn),

    delete: rpc(async (req) => {
      const { implementation } = resourceFor(req.getUrn());
      await implementation.delete(req.getId(), plain(req.getProperties()));
      return new emptyproto.Empty();
    }),

    // The data sources, with the same unknown-argument refusal as check; their settings come from Configure.
    invoke: rpc(async (req) => {
      const entry = FUNCTIONS[req.getTok()];
      if (!entry) throw new Error(`certmanager-kr has no function ${req.getTok()}`);
      const args = plain(req.getArgs());
      const resp = new provproto.InvokeResponse();
      const refused = unknownFieldFailures(args, inputSchema(entry.fields));
      if (refused.length > 0) return resp.setFailuresList(failures(refused));
      const nhnConfig = { get: (key: string) => config.get(`nhncloud:${key}`), nameOf: nativeName };
      const result = await entry.run(args, {
        options: () => nhnClientOptions(args.appKey as string | undefined, nhnConfig),
        warn: (line) => log("warning", line),
      });
      return resp.setReturn(struct(wrapSecrets(result as Props, secretNames(entry.fields))));
    }),
  };
}
