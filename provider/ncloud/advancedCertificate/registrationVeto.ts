/**
 * A refusal that reaches a certificate's registration: a helper constructed right after the certificate (e.g.
 * globalDnsValidationRecords finding a domain outside its zone) can stop the paid order even under
 * `pulumi up --skip-preview`, where the engine would otherwise create the certificate while the program fails.
 * The certificate holds one input back until the program's current turn has run; a veto given by then fails the
 * registration instead of sending it.
 */
import * as pulumi from "@pulumi/pulumi";

const vetoes = new WeakMap<object, Error>();

/** Refuses the registration of `resource` (if it is still held back) with `error`. */
export function vetoRegistration(resource: object, error: Error): void {
  vetoes.set(resource, error);
}

/** `value`, held back until the current turn of the program has run, and failing if `owner()` was vetoed by then. */
export function heldUntilVetoed(value: pulumi.Input<string>, owner: () => object | undefined): pulumi.Output<string> {
  return pulumi.output(value).apply(async (v) => {
    await new Promise((resolve) => setImmediate(resolve));
    const o = owner();
    const veto = o && vetoes.get(o);
    if (veto) throw veto;
    return v;
  });
}
