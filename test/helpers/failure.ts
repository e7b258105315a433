/** The error a promise rejects with; fails the test if it resolves instead. */
export async function failure(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: Error) => e,
  );
}
