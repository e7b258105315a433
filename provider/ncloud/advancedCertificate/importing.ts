/**
 * `pulumi import` of an Advanced certificate: the engine's Read with the id alone. The state is seeded from NCP's
 * list entry as an adopted certificate (NCP never hands out a key), and its inputs pass through check like a
 * program's, so a program that declares the same name, domains, type and validation method plans no change.
 */
import type { NcloudCertificateManagerClient } from "../api/certificateManager";
import { entryDomains } from "../api/entries";
import { checkInputs } from "./inputs";
import { findInAllPages } from "./lookup";
import type { CertificateState } from "./state";

/** Read was given no state: an import, not a refresh. */
export function isImport(olds: Record<string, unknown>): boolean {
  return olds.certificateName === undefined && olds.certificateNo === undefined && olds.orderUnconfirmed === undefined;
}

/** The state an imported certificate starts from; undefined when NCP lists no live certificate of that number. */
export async function importedState(
  client: NcloudCertificateManagerClient,
  id: string,
): Promise<CertificateState | undefined> {
  const no = Number(id);
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(no) || no <= 0) {
    throw new Error(`the import id of an AdvancedCertificate is its certificate number (certificateNo), not "${id}"`);
  }
  const entry = await findInAllPages(client, no);
  if (!entry || entry.statusCode === "-6") return undefined;
  const { commonName, dnsNames } = entryDomains(entry);
  // NCP's list does not document the validation method: taken when the entry carries it, else the default.
  const method = entry.raw.validationMethod;
  // adoptCertificateNo says what the resource is: a certificate taken over, whose key this stack does not hold.
  const declared: Record<string, unknown> = {
    certificateName: entry.certificateName,
    commonName,
    adoptCertificateNo: no,
  };
  if (dnsNames.length > 0) declared.dnsNames = dnsNames;
  if (entry.certificateType) declared.certificateType = entry.certificateType;
  if (typeof method === "string" && method !== "") declared.validationMethod = method;
  const { inputs, failures } = checkInputs(declared);
  if (failures.length > 0) {
    throw new Error(`certificate ${no} cannot be imported: ${failures.map((f) => f.reason).join("; ")}`);
  }
  // check fills in the key a new order would get; an adopted certificate keeps the key it has, unknown here.
  const { key: _defaultKey, ...declaredInputs } = inputs;
  return {
    ...(declaredInputs as unknown as CertificateState),
    certificateNo: no,
    statusCode: entry.statusCode,
    statusName: entry.statusName ?? entry.statusCode,
    keySource: "adopted",
    dcvRecords: [],
    privateKeyRegistered: entry.statusCode === "1",
  };
}
