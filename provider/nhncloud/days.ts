/**
 * Days until an NHN expiry date. A module of its own, without @pulumi/pulumi, because the `certmanager-kr` CLI
 * needs it too and loading the Pulumi SDK took most of a second of every CLI command.
 */

/** Days from today in Korea time to a `YYYY-MM-DD` date (NHN's dates are KST calendar dates). */
export function daysUntil(date: string | undefined, now: number): number | undefined {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const todayKst = new Date(now + 9 * 3_600_000).toISOString().slice(0, 10);
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${todayKst}T00:00:00Z`)) / 86_400_000);
}
