/**
 * The emulator's own test CA (root → intermediate → leaf). Created on first use and kept in the world state, so
 * every process sharing a state file issues under the same root.
 */
import { createCertificateAuthority, deserializeIssuer, type IssuerMaterial, serializeIssuer } from "../crypto/x509";
import type { WorldState } from "./store";

export interface CaMaterial {
  root: IssuerMaterial;
  intermediate: IssuerMaterial;
}

const cache = new WeakMap<object, CaMaterial>();

/** Returns the world's CA, creating it (inside a store update) when the world has none yet. */
export async function ensureCa(world: WorldState): Promise<CaMaterial> {
  if (!world.ca) {
    // Valid from three years back: the sample sets hold leaves issued (and expired) long ago, and every leaf's
    // validity must lie inside its issuers' (a chain verifies at any moment of the leaf's life).
    const ca = await createCertificateAuthority({
      name: "pulumi-certmanager-kr emulator",
      notBefore: new Date(Date.now() - 3 * 365 * 86_400_000),
    });
    world.ca = { root: serializeIssuer(ca.root), intermediate: serializeIssuer(ca.intermediate) };
    cache.set(world.ca, ca);
    return ca;
  }
  let ca = cache.get(world.ca);
  if (!ca) {
    ca = { root: deserializeIssuer(world.ca.root), intermediate: deserializeIssuer(world.ca.intermediate) };
    cache.set(world.ca, ca);
  }
  return ca;
}
