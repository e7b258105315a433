/**
 * NCP's list items in the client's normalised shapes (see certificateManagerTypes.ts): lenient about types and
 * field names the docs leave open, loud when an item cannot be used.
 */
import { ApiError } from "../../shared/errors";
import type { CertificateSummary, DcvRecord } from "./certificateManagerTypes";
import { arrayOfObjects, intOrUndefined, type JsonObject, parseDnsNames, stringOrUndefined } from "./responses";

export function toSummary(operation: string, c: JsonObject, orderId?: string): CertificateSummary {
  const certificateNo = intOrUndefined(c.certificateNo);
  if (certificateNo === undefined) throw malformed(operation, "a certificate entry has no certificateNo");
  const used = c.usedInstanceNoList;
  return {
    certificateNo,
    certificateName: stringOrUndefined(c.certificateName) ?? "",
    commonName: stringOrUndefined(c.commonName),
    dnsNames: parseDnsNames(c.dnsName),
    statusCode: stringOrUndefined(c.statusCode) ?? "",
    statusName: stringOrUndefined(c.statusName),
    certificateType: stringOrUndefined(c.certificateType ?? c.certificateTypeCode),
    orderId: orderId ?? stringOrUndefined(c.orderId ?? c.orderID),
    memberNo: stringOrUndefined(c.memberNo),
    regDate: stringOrUndefined(c.regDate),
    updateDate: stringOrUndefined(c.updateDate),
    issueDate: stringOrUndefined(c.issueDate),
    notBefore: stringOrUndefined(c.notBefore),
    notAfter: stringOrUndefined(c.notAfter),
    revokeDate: stringOrUndefined(c.revokeDate),
    serialNumber: stringOrUndefined(c.serialNumber),
    issuer: stringOrUndefined(c.issuer),
    signatureAlgorithm: stringOrUndefined(c.signatureAlgorithm),
    usedInstanceNoList: Array.isArray(used) ? used.map(String) : parseDnsNames(used),
    raw: c,
  };
}

export function toDcvRecord(item: JsonObject): DcvRecord {
  // The value field's name is unconfirmed in NCP's docs; read the known candidates and fail loudly otherwise.
  const name = stringOrUndefined(item.txtName ?? item.cnameName ?? item.recordName ?? item.name);
  const value = stringOrUndefined(item.txtValue ?? item.cnameValue ?? item.recordValue ?? item.value);
  if (!name || !value) {
    throw malformed("getVerificationInfo", `a DCV record has no name/value: ${JSON.stringify(item).slice(0, 300)}`);
  }
  const recordType =
    stringOrUndefined(item.recordType ?? item.dnsRecordType) ??
    (item.cnameName !== undefined || item.cnameValue !== undefined ? "CNAME" : "TXT");
  return {
    validSn: intOrUndefined(item.validSn),
    requestSn: stringOrUndefined(item.requestSn),
    validStatusCode: stringOrUndefined(item.validStatusCode) ?? "",
    recordType: recordType.toUpperCase(),
    name,
    value,
    raw: item,
  };
}

/**
 * NCP's docs list the organization fields but not the name of the array holding them (the page is marked "needs
 * revision"), so take the first array whose items carry `organizationNo`, or the body itself if it is one item.
 */
export function organizationItems(res: JsonObject): JsonObject[] {
  for (const value of Object.values(res)) {
    const items = arrayOfObjects(value);
    if (items.length > 0 && items.every((o) => o.organizationNo !== undefined)) return items;
  }
  return res.organizationNo !== undefined ? [res] : [];
}

export function malformed(operation: string, message: string): ApiError {
  return new ApiError({ api: "ncloud", operation, kind: "malformed", httpStatus: 200, apiMessage: message });
}

/**
 * The domains a list entry names, as the provider compares them: the common name lower-cased (the fallback when the
 * entry has none), and the other SANs lower-cased, without repeats or the common name, sorted.
 */
export function entryDomains(
  entry: Pick<CertificateSummary, "commonName" | "dnsNames">,
  commonNameFallback = "",
): { commonName: string; dnsNames: string[] } {
  const commonName = (entry.commonName ?? commonNameFallback).toLowerCase();
  const sans = new Set(entry.dnsNames.map((d) => d.toLowerCase()).filter((d) => d !== commonName));
  return { commonName, dnsNames: [...sans].sort() };
}
