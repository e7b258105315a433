// An NCP Advanced certificate as a `kubernetes.io/tls` Secret, for an Ingress or a Gateway to serve.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ncloud } from "pulumi-certmanager-kr";

const config = new pulumi.Config();
const domain = config.require("domain");

const certificate = new ncloud.AdvancedCertificate("site", {
  certificateName: config.get("certificateName") ?? "site-k8s-2026",
  commonName: domain,
  dnsNames: [`*.${domain}`],
  key: { algorithm: "ECDSA", ecdsaCurve: "P256" },
  waitForIssuance: { timeoutMinutes: config.getNumber("issuanceTimeoutMinutes") ?? 60 },
});

function issued(what: string) {
  return (pem: string | undefined): string => {
    if (!pem) throw new Error(`the certificate has no ${what} yet: it is not issued (create its DCV records)`);
    return pem;
  };
}

// `createSecret: false` leaves the Kubernetes Secret out (e.g. to try the certificate part offline against the
// emulator, without a cluster).
function tlsSecret() {
  const secret = new k8s.core.v1.Secret("tls", {
    metadata: { name: config.get("secretName") ?? "site-tls", namespace: config.get("namespace") ?? "default" },
    type: "kubernetes.io/tls",
    stringData: {
      // The server sends its certificate followed by the intermediates.
      "tls.crt": certificate.fullChainPem.apply(issued("certificate")),
      // Secret in state (privateKeyPem is always a secret output), and so in this Secret's inputs too.
      "tls.key": certificate.privateKeyPem.apply(issued("private key")),
    },
  });
  return secret;
}

const secret = config.getBoolean("createSecret") === false ? undefined : tlsSecret();
export const secretName = secret?.metadata.name;
export const notAfter = certificate.notAfter;
