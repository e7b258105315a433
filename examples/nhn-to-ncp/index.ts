// A certificate kept in NHN Cloud Certificate Manager, registered in NCP Certificate Manager so an NCP load
// balancer can serve it. The NHN file is read on every preview and up: when it is renewed in NHN Cloud, the next
// `pulumi up` replaces the files in NCP in place and the certificate number stays, so the listener that refers to
// it (`ssl_certificate_no`) is never touched.
import * as pulumi from "@pulumi/pulumi";
import { ncloud, nhncloud } from "pulumi-certmanager-kr";

const config = new pulumi.Config();
const nhnCertificateName = config.require("nhnCertificateName");

// The whole result is a secret (it carries the private key).
const file = nhncloud.getCertificateFileOutput({ certificateName: nhnCertificateName });

const certificate = new ncloud.ExternalCertificate("from-nhn", {
  certificateName: config.get("certificateName"), // default: "from-nhn-" plus a random suffix
  certificatePem: file.certificatePem,
  chainPem: file.chainPem,
  privateKeyPem: file.apply((f: nhncloud.GetCertificateFileResult) => {
    if (!f.privateKeyPem) throw new Error(`NHN certificate ${nhnCertificateName} has no private key in its file`);
    return f.privateKeyPem;
  }),
});

/** For the listener: `ncloud.LbListener({ ..., protocol: "HTTPS", sslCertificateNo })` once bridged (see README). */
export const sslCertificateNo = certificate.certificateNo.apply(String);
// Public facts of the certificate, exported in clear on purpose.
export const notAfter = pulumi.unsecret(certificate.notAfter);
export const domains = pulumi.unsecret(certificate.domains);
