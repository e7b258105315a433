/**
 * The emulated NCP's read endpoints: the two certificate lists (paged per the world's modes), DCV records per domain
 * and the issued chain. They never change the world, except through time-driven changes applied first.
 */
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from "../types";
import { byOrder, crlf, paidSummary, summary } from "./entryShapes";
import { findLive, parseNo, Reply, readPaging, withCurrentWorld } from "./reply";
import type { CertificateRecord, NcloudWorld } from "./world";

export class ReadHandlers {
  constructor(protected readonly ctx: EmulatorContext) {}

  async listPaid(req: EmulatorRequest): Promise<EmulatorResponse> {
    const paging = readPaging(req);
    if ("status" in paging) return paging;
    const name = req.url.searchParams.get("certificateName") ?? undefined;
    return withCurrentWorld(this.ctx, (ncp) => {
      const matching = ncp.certificates.filter(
        (c) => c.statusCode !== "-6" && !c.external && (!name || c.certificateName.includes(name)),
      );
      const slice = <T>(items: T[]) => pageOf(items, paging, ncp);
      const entry = (c: CertificateRecord) => paidSummary(c, ncp);
      // Mode (doc §6.2 leaves the paging unit open): pages and totalCount count orders, or certificates.
      if (ncp.paidListPagesCount === "certificates") {
        return Reply.ok({ totalCount: matching.length, orders: byOrder(slice(matching), entry) });
      }
      const orders = byOrder(matching, entry);
      return Reply.ok({ totalCount: orders.length, orders: slice(orders) });
    });
  }

  async listAll(req: EmulatorRequest): Promise<EmulatorResponse> {
    const paging = readPaging(req);
    if ("status" in paging) return paging;
    const name = req.url.searchParams.get("certificateName") ?? undefined;
    return withCurrentWorld(this.ctx, (ncp) => {
      const matching = ncp.certificates.filter(
        (c) => c.statusCode !== "-6" && (!name || c.certificateName.includes(name)),
      );
      return Reply.ok({
        totalCount: matching.length,
        sslCertificateList: pageOf(matching, paging, ncp).map((c) => summary(c, ncp)),
      });
    });
  }

  async verificationInfo(rawNo: string, req: EmulatorRequest): Promise<EmulatorResponse> {
    const no = parseNo(rawNo);
    if (no === undefined) return Reply.invalid("certificateNo must be an integer.");
    const domain = req.url.searchParams.get("domainAddress");
    if (!domain) return Reply.invalid("domainAddress is required.");
    return withCurrentWorld(this.ctx, (ncp) => {
      const cert = findLive(ncp, no);
      if (!cert) return Reply.fail("2200", "No certificate was found.");
      const records = starFormServed(ncp.starInQuery, req.rawUrl)
        ? cert.dcv.filter((d) => d.domain === domain.toLowerCase())
        : [];
      return Reply.ok({
        totalRows: records.length,
        dnsVerificationCount: records.length,
        dnsVerificationList: records.map((d) => ({
          validSn: d.validSn,
          requestSn: d.requestSn,
          validStatusCode: d.validStatusCode,
          ...(d.recordType === "CNAME" ? { recordType: "CNAME" } : {}), // mode dcvRecordType (doc §14 #1)
          txtName: d.txtName,
          [ncp.dcvValueField ?? "txtValue"]: d.txtValue, // mode: the value field's name is unconfirmed (§14 #2)
        })),
        emailVerificationCount: 0,
        emailVerificationList: [],
      });
    });
  }

  async chain(rawNo: string): Promise<EmulatorResponse> {
    const no = parseNo(rawNo);
    if (no === undefined) return Reply.invalid("certificateNo must be an integer.");
    return withCurrentWorld(this.ctx, (ncp) => {
      const cert = findLive(ncp, no);
      if (!cert) return Reply.fail("2200", "No certificate was found.");
      if (!cert.certificatePem) return Reply.fail("1006", "No certificate exists.");
      return Reply.ok({
        totalRows: 0,
        subjectCommonName: cert.commonName,
        certificate: crlf(cert.certificatePem),
        subCaCertificate: crlf(cert.subCaCertificatePem ?? ""),
        rootCaCertificate: crlf(cert.rootCaCertificatePem ?? ""),
      });
    });
  }
}

/** Whether the `*` of domainAddress came in the form the starInQuery mode serves (the other one names no domain). */
function starFormServed(mode: NcloudWorld["starInQuery"], rawUrl: string): boolean {
  const raw = (rawUrl.split("?")[1] ?? "").split("&").find((p) => p.startsWith("domainAddress=")) ?? "";
  if (mode === "raw") return !/%2a/i.test(raw);
  if (mode === "encoded") return !raw.includes("*");
  return true;
}

/** One page of a list; the pageSizeCap mode answers fewer entries than pageSize asks (limits unconfirmed). */
function pageOf<T>(items: T[], paging: { page: number; pageSize: number }, ncp: NcloudWorld): T[] {
  const size = Math.min(paging.pageSize, ncp.pageSizeCap ?? paging.pageSize);
  return items.slice((paging.page - 1) * size, paging.page * size);
}
