/**
 * What happens to NCP certificates with time: a pending order is issued (after auto-issue's delay, or once its
 * DCV records are served: see dcv.ts) or expires unvalidated; an issued certificate expires.
 */
import { randomBytes } from "node:crypto";
import { issueCertificate } from "../../crypto/x509";
import { ensureCa } from "../ca";
import type { WorldState } from "../store";
import { dcvProgress } from "./dcv";
import { type CertificateRecord, ncloudWorld } from "./world";

/** Whether a read must first apply a time-driven change (the cheap read path is taken otherwise). */
export function dueChanges(world: WorldState, now: number): boolean {
  const ncp = ncloudWorld(world);
  return ncp.certificates.some((c) => {
    if (c.statusCode === "0") {
      const p = dcvProgress(world, c, now);
      return p.outcome !== undefined || p.validated.some((d) => d.validStatusCode !== "VALID_STATUS_SUCCESS");
    }
    return (c.statusCode === "1" || c.statusCode === "2") && c.notAfterMs !== undefined && now > c.notAfterMs;
  });
}

export async function applyDueChanges(world: WorldState, now: number): Promise<void> {
  const ncp = ncloudWorld(world);
  for (const c of ncp.certificates) {
    if (c.statusCode === "0") {
      const p = dcvProgress(world, c, now);
      for (const d of p.validated) d.validStatusCode = "VALID_STATUS_SUCCESS";
      if (p.outcome === "issue") await issue(world, c, now);
      if (p.outcome === "expire") {
        // VALIDATION_EXPIRE; the domains not validated in time say so.
        c.statusCode = "-4";
        c.updatedAtMs = now;
        for (const d of c.dcv)
          if (d.validStatusCode !== "VALID_STATUS_SUCCESS") d.validStatusCode = "VALID_STATUS_TIMEOUT";
      }
    }
    if ((c.statusCode === "1" || c.statusCode === "2") && c.notAfterMs !== undefined && now > c.notAfterMs) {
      c.statusCode = "-2";
      c.updatedAtMs = now;
    }
  }
}

/** Completes DCV and issues the certificate from its CSR with the emulator's CA. */
export async function issue(world: WorldState, cert: CertificateRecord, now: number): Promise<void> {
  const ncp = ncloudWorld(world);
  const ca = await ensureCa(world);
  const notBefore = new Date(now - 60_000);
  const notAfter = new Date(now + ncp.validityDays * 86_400_000);
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  cert.certificatePem = issueCertificate({
    csrPem: cert.csr,
    issuer: ca.intermediate,
    notBefore,
    notAfter,
    serialNumber: serial,
    commonName: cert.commonName,
    dnsNames: uniqueDomains(cert.commonName, cert.dnsNames),
  });
  cert.subCaCertificatePem = ca.intermediate.certificatePem;
  cert.rootCaCertificatePem = ca.root.certificatePem;
  cert.serialNumber = serial.toString("hex").toUpperCase();
  cert.issuedAtMs = now;
  cert.notBeforeMs = notBefore.getTime();
  cert.notAfterMs = notAfter.getTime();
  for (const d of cert.dcv) d.validStatusCode = "VALID_STATUS_SUCCESS";
  cert.statusCode = "2";
  cert.updatedAtMs = now;
}

export function uniqueDomains(commonName: string, sans: string[]): string[] {
  return [commonName, ...sans.filter((s) => s !== commonName)];
}
