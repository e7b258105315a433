/**
 * check for ncloud.ExternalCertificate: every rule NCP would apply after a request is applied before any request,
 * naming the field. Unknown values (preview) pass untouched.
 */
import { chosenName, validInternal } from "../../dynamic/autoName";
import { type CheckFailure, cutEchoes, unknownFieldFailures } from "../../dynamic/inputFields";
import { containsUnknown } from "../../shared/unknown";
import { CERTIFICATE_NAME_RULE } from "../advancedCertificate/inputs";
import { deleteInUseTimeoutProblem } from "../inUseDelete";
import { MaterialProblem, materialIdentity, readMaterial } from "./material";
import { INPUT_FIELDS, MATERIAL_FIELDS } from "./state";

type Raw = Record<string, unknown>;

export function checkExternalInputs(news: Raw, olds: Raw = {}): { inputs: Raw; failures: CheckFailure[] } {
  const failures: CheckFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  const out: Raw = {};
  failures.push(...unknownFieldFailures(news, { resource: "ncloud.ExternalCertificate", fields: INPUT_FIELDS }));

  const name = chosenName(news, olds);
  if (containsUnknown(name)) out.certificateName = name;
  else if (typeof name !== "string" || !CERTIFICATE_NAME_RULE.test(name)) {
    fail(
      "certificateName",
      `certificateName ${typeof name === "string" ? `"${name}" ` : ""}is not allowed: NCP requires 3-20 characters of letters, digits or "-", starting with a letter (e.g. "site-2026"), or leave it out to have one made from the resource name`,
    );
  } else out.certificateName = name;

  const given = MATERIAL_FIELDS.filter((f) => news[f] !== undefined && news[f] !== null);
  for (const f of given) out[f] = news[f];
  if (!given.some((f) => containsUnknown(news[f]))) {
    const problem = checkMaterial(news, given);
    if (problem) fail(problem[0], problem[1]);
  }

  const inUse = news.deleteInUseTimeoutMinutes;
  if (inUse !== undefined && inUse !== null) {
    const problem = containsUnknown(inUse) ? undefined : deleteInUseTimeoutProblem(inUse);
    if (problem) fail("deleteInUseTimeoutMinutes", problem);
    else out.deleteInUseTimeoutMinutes = inUse;
  }

  const internal = news.__internal;
  if (internal !== undefined && !containsUnknown(internal)) {
    if (!validInternal(internal, ["deleteBeforeReplace"]))
      fail("__internal", "__internal is set by ExternalCertificate from its resource options; do not set it");
    else out.__internal = internal;
  }
  if (failures.length === 0) checkRename(olds, out, fail);
  return { inputs: out, failures: failures.map((f) => ({ ...f, reason: cutEchoes(f.reason) })) };
}

/** The first problem with the upload, as [property, reason]. */
function checkMaterial(news: Raw, given: string[]): [string, string] | undefined {
  for (const f of given) {
    if (typeof news[f] !== "string") return [f, `${f} must be PEM text`];
  }
  if (given.includes("pemBundle") && given.length > 1) {
    return [
      "pemBundle",
      `pass either pemBundle or certificatePem, chainPem and privateKeyPem, not both (${given.filter((f) => f !== "pemBundle").join(", ")} given too)`,
    ];
  }
  if (given.length === 0) {
    return [
      "certificatePem",
      "certificatePem, chainPem and privateKeyPem are required (or one pemBundle holding the certificate, its chain and its key)",
    ];
  }
  if (!given.includes("pemBundle") && !given.includes("privateKeyPem")) {
    return ["privateKeyPem", "privateKeyPem is required: NCP takes a certificate only with its private key"];
  }
  try {
    readMaterial(news, Date.now());
  } catch (err) {
    if (!(err instanceof MaterialProblem)) throw err;
    return [err.property, err.message];
  }
  return undefined;
}

/**
 * NCP documents no rename, so a new name replaces the certificate, and a replacement uploads before it deletes.
 * NCP refuses the same certificate or key twice (they are unique), so a new name with the same files can only work
 * delete-first: say so in preview rather than halfway through `up`.
 */
function checkRename(olds: Raw, news: Raw, fail: (p: string, r: string) => void): void {
  if (typeof olds.certificateName !== "string" || typeof news.certificateName !== "string") return;
  if (olds.certificateName === news.certificateName) return;
  if ((news.__internal as { deleteBeforeReplace?: boolean } | undefined)?.deleteBeforeReplace) return;
  const same = materialIdentity(olds);
  if (same === undefined || same !== materialIdentity(news)) return;
  fail(
    "certificateName",
    `renaming "${olds.certificateName}" to "${news.certificateName}" replaces the certificate (NCP documents no rename), and the replacement would upload the same certificate and key again before the old one is deleted, which NCP refuses (both are unique). ` +
      "Rename together with a renewed certificate, or set the deleteBeforeReplace resource option (load balancers using the certificate must be detached first). " +
      "A rename made in the NCP console needs nothing here: the resource follows NCP's name by itself.",
  );
}
