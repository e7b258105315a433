/**
 * ncloud.ExternalCertificate against NCP: upload once (create), replace the files in place by number (update: a
 * renewal keeps certificateNo, so load balancers are not touched), read with drift in words, delete with the shared
 * in-use handling. Runs in the dynamic-provider host; never logs inputs or state (they hold the private key).
 */
import { compact, ResourceInitError } from "../../dynamic/initError";
import { lookUpAfterAmbiguousSend } from "../ambiguousSend";
import type { NcloudCertificateManagerClient } from "../api/certificateManager";
import type { CertificateSummary, ExternalCertificateUpload } from "../api/certificateManagerTypes";
import { ncloudClient } from "../api/settings";
import { deleteWaitingWhileInUse } from "../inUseDelete";
import { diffExternal } from "./diff";
import { deletedNote, explainExternalDrift, observedOf } from "./drift";
import { checkExternalInputs } from "./inputs";
import { leafFacts, type Material, materialIdentity, readMaterial } from "./material";
import {
  findByNumber,
  findLiveByName,
  heldCertificate,
  holds,
  RegistrationUnconfirmed,
  registerOnce,
  replaceOnce,
} from "./register";
import { type ExternalInputs, type ExternalState, INPUT_FIELDS, ncpName } from "./state";

type Props = Record<string, unknown>;

export async function check(olds: Props, news: Props) {
  const { inputs, failures } = checkExternalInputs(news, olds);
  if (failures.length === 0) {
    const no = await keptNumber(olds, inputs);
    if (no !== undefined) inputs.certificateNo = no;
  }
  return { inputs: { ...inputs, __provider: news.__provider }, failures };
}

/**
 * The number a renewal keeps, carried in the inputs: for a dynamic resource the engine shows the new inputs as the
 * planned outputs, so without it preview would show every dependant (a listener's ssl_certificate_no) as changing
 * to an unknown number. Taken from the old inputs, or once looked up by name; best effort, never a failure.
 */
async function keptNumber(olds: Props, inputs: Props): Promise<number | undefined> {
  if (typeof olds.certificateName !== "string" || olds.certificateName !== inputs.certificateName) return undefined;
  if (typeof olds.certificateNo === "number") return olds.certificateNo;
  try {
    return (await findLiveByName(ncloudClient(), olds.certificateName))?.certificateNo;
  } catch {
    return undefined; // preview then shows the number as unknown, nothing worse
  }
}

export async function diff(id: string, olds: Props, news: Props) {
  const d = diffExternal(id, olds as Partial<ExternalState>, news);
  if (d.note) console.log(d.note); // shown by the engine beside the plan
  return { changes: d.changes, replaces: d.replaces, stables: d.stables };
}

export async function create(inputs: Props): Promise<{ id: string; outs: Props }> {
  const i = inputs as unknown as ExternalInputs;
  const m = readMaterial(i);
  const client = ncloudClient();
  const entry = await registerNew(client, inputs, i, m);
  return { id: String(entry.certificateNo), outs: outputs(inputs, i, m, entry) };
}

export async function update(id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  const old = olds as unknown as ExternalState;
  const i = news as unknown as ExternalInputs;
  const m = readMaterial(i);
  const client = ncloudClient();
  if (old.registrationUnconfirmed) {
    const entry = await registerNew(client, news, i, m);
    return { outs: outputs(news, i, m, entry) };
  }
  const no = old.certificateNo ?? Number(id);
  try {
    const upload = !holdsProgram(old) || materialIdentity(old) !== materialIdentity(i);
    if (upload) await replaceOnce(client, no, uploadOf({ ...i, certificateName: ncpName(old) }, m));
    const entry = await findByNumber(client, ncpName(old), no);
    if (!entry || entry.statusCode === "-6") throw new Error(`NCP no longer lists certificate ${no}`);
    const outs = outputs(news, i, m, entry);
    // A console rename is still followed (renewals use NCP's name); a console replacement was just undone.
    if (entry.certificateName !== i.certificateName) outs.observed = { certificateName: entry.certificateName };
    return { outs };
  } catch (err) {
    // Record the old files so the next `up` plans the renewal again (sending the same files by number is harmless).
    const reason = err instanceof Error ? err.message : String(err);
    const message = `renewing certificate ${no} ("${ncpName(old)}") failed: ${reason}. The number is unchanged; the next \`pulumi up\` tries again.`;
    throw new ResourceInitError(message, String(no), compact({ ...olds, __provider: news.__provider }), [message]);
  }
}

export async function read(id: string, olds: Props): Promise<{ id: string; props: Props; inputs?: Props }> {
  const state = olds as unknown as ExternalState;
  const client = ncloudClient();
  let no = state.certificateNo ?? Number(id);
  if (state.registrationUnconfirmed) {
    const found = await resolveUnconfirmed(client, state);
    if (!found) {
      note(state, "NCP lists no upload of this name yet: the next `pulumi up` uploads it");
      return { id, props: olds, inputs: inputsOf(olds) };
    }
    no = found.certificateNo;
  }
  const entry = await findByNumber(client, ncpName(state), no);
  if (!entry || entry.statusCode === "-6") {
    note(state, deletedNote());
    return { id: "", props: {} };
  }
  const fresh: ExternalState = {
    ...state,
    certificateNo: no,
    registrationUnconfirmed: undefined,
    statusCode: entry.statusCode,
    statusName: entry.statusName ?? entry.statusCode,
  };
  fresh.observed = observedOf(fresh, entry, await heldCertificate(client, entry));
  for (const line of explainExternalDrift(state, fresh)) note(state, line);
  const props = compact(fresh as unknown as Props);
  return { id: String(no), props, inputs: inputsOf(props) };
}

export async function remove(id: string, props: Props): Promise<void> {
  const state = props as unknown as ExternalState;
  const client = ncloudClient();
  let no = state.certificateNo ?? Number(id);
  if (state.registrationUnconfirmed) {
    const found = await resolveUnconfirmed(client, state);
    if (!found) return; // look-ups that succeeded found nothing: the upload never landed
    no = found.certificateNo;
  }
  await deleteWaitingWhileInUse(client, {
    no,
    name: ncpName(state),
    timeoutMinutes: state.deleteInUseTimeoutMinutes,
    lookUp: (n) => findByNumber(client, ncpName(state), n),
  });
}

/**
 * A new upload. A live certificate of this name already holding this leaf is this resource's own upload from an
 * interrupted `up`: it is taken over. Any other certificate of the name is a clash, said before anything is sent.
 */
async function registerNew(
  client: NcloudCertificateManagerClient,
  inputs: Props,
  i: ExternalInputs,
  m: Material,
): Promise<CertificateSummary> {
  const existing = await findLiveByName(client, i.certificateName);
  if (existing) {
    if (holds(await heldCertificate(client, existing), m.leaf)) return existing;
    throw new Error(
      `An NCP certificate named "${i.certificateName}" already exists (certificateNo ${existing.certificateNo}) and holds another certificate. ` +
        "Certificate names are unique in NCP: choose another certificateName, or leave it out to have one made.",
    );
  }
  try {
    return await registerOnce(client, uploadOf(i, m));
  } catch (err) {
    if (!(err instanceof RegistrationUnconfirmed)) throw err;
    // Recorded under a placeholder id with its name, so the next up, refresh or destroy resolves it by name.
    const message = `certificate "${i.certificateName}": ${err.message}. The stack records it; the next \`pulumi up\` looks the name up and takes it over, or uploads it if NCP lists none.`;
    const state = {
      ...inputs,
      certificateNo: 0,
      statusCode: "",
      statusName: "UPLOAD_UNCONFIRMED",
      registrationUnconfirmed: true,
    };
    throw new ResourceInitError(message, `unconfirmed-upload-${i.certificateName}`, compact(state), [message]);
  }
}

async function resolveUnconfirmed(client: NcloudCertificateManagerClient, state: ExternalState) {
  const m = readMaterial(state);
  const look = await lookUpAfterAmbiguousSend(async () => {
    const found = await findLiveByName(client, state.certificateName);
    return found && holds(await heldCertificate(client, found), m.leaf) ? found : undefined;
  });
  if ("failed" in look) throw look.failed;
  return "found" in look ? look.found : undefined;
}

/** Whether NCP held the program's certificate when last read (false after a console replacement). */
function holdsProgram(old: ExternalState): boolean {
  return old.observed?.fingerprintSha256 === undefined && old.observed?.serialNumber === undefined;
}

function uploadOf(i: ExternalInputs, m: Material): ExternalCertificateUpload {
  return {
    certificateName: i.certificateName,
    privateKey: m.privateKeyPem,
    certificateBody: m.leaf.pem,
    certificateChain: m.chain.map((c) => c.pem).join(""),
  };
}

function outputs(inputs: Props, i: ExternalInputs, m: Material, entry: CertificateSummary): Props {
  return compact({
    ...inputs,
    certificateName: i.certificateName,
    certificateNo: entry.certificateNo,
    statusCode: entry.statusCode,
    statusName: entry.statusName ?? entry.statusCode,
    ...leafFacts(m.leaf),
    observed: undefined,
    registrationUnconfirmed: undefined,
  });
}

/** The input half of the state, for ReadResult.inputs: what the program set, never NCP's values. */
function inputsOf(state: Props): Props {
  const out: Props = {};
  for (const f of [...INPUT_FIELDS, "__internal", "certificateNo"]) if (state[f] !== undefined) out[f] = state[f];
  return out;
}

function note(state: Partial<ExternalState>, line: string): void {
  console.log(
    `ncloud.ExternalCertificate "${state.certificateName}" (${state.certificateNo || "not confirmed"}): ${line}`,
  );
}
