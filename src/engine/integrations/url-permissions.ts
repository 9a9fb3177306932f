/**
 * The two resource-policy permissions a function URL needs. Since October 2025 a function URL needs both
 * `lambda:InvokeFunctionUrl` and `lambda:InvokeFunction` ("Starting in October 2025, new function URLs will require
 * both lambda:InvokeFunctionUrl and lambda:InvokeFunction permissions",
 * https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html). URLs that existed before had a temporary exception
 * until 1 November 2026 (AWS Health notice quoted in https://github.com/serverless/serverless/issues/13147); after
 * that date a URL whose policy grants only `lambda:InvokeFunctionUrl` answers 403 like one with no permission at all.
 * The 403 status for that case is public (https://github.com/javaBin/platform/pull/59: "Without InvokeFunction, all
 * requests get 403"); that its body is the same Forbidden body as a missing `lambda:InvokeFunctionUrl` is UNVERIFIED.
 */
import type { FrontDoor } from '../vocabulary.ts';

/** The actions (without the `lambda:` prefix) a function URL needs, in the order AWS names them. */
export const FUNCTION_URL_PERMISSIONS = ['InvokeFunctionUrl', 'InvokeFunction'] as const;

/** One of {@link FUNCTION_URL_PERMISSIONS}. */
export type FunctionUrlPermission = (typeof FUNCTION_URL_PERMISSIONS)[number];

/** Result of {@link parseUrlPermissions}. */
export type UrlPermissionsResult = { ok: true; value: FunctionUrlPermission[] } | { ok: false; error: string };

/**
 * Parse a comma-separated list of granted function-URL permissions, e.g. `InvokeFunctionUrl,InvokeFunction`.
 * The `lambda:` prefix is optional; `none` (or an empty list) grants nothing. Unknown names get a clear error.
 */
export function parseUrlPermissions(text: string): UrlPermissionsResult {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 1 && names[0]?.toLowerCase() === 'none') return { ok: true, value: [] };
  const value: FunctionUrlPermission[] = [];
  for (const raw of names) {
    const bare = raw.replace(/^lambda:/i, '');
    const match = FUNCTION_URL_PERMISSIONS.find((p) => p.toLowerCase() === bare.toLowerCase());
    if (!match) {
      return { ok: false, error: `unknown function URL permission "${raw}": use ${FUNCTION_URL_PERMISSIONS.join(', ')} (comma-separated) or none` };
    }
    if (!value.includes(match)) value.push(match);
  }
  return { ok: true, value };
}

/** Does a function URL with these granted permissions accept the request? Both are required (see module doc). */
export function isFunctionUrlAllowed(granted: readonly FunctionUrlPermission[]): boolean {
  return FUNCTION_URL_PERMISSIONS.every((p) => granted.includes(p));
}

/**
 * May `frontDoor` invoke the function? `invokePermission` is the resource policy's answer for every door;
 * `urlPermissions`, when given, lists what the policy grants a function URL and is checked only for that door.
 */
export function isFrontDoorPermitted(frontDoor: FrontDoor, invokePermission: boolean, urlPermissions: readonly FunctionUrlPermission[] | undefined): boolean {
  if (!invokePermission) return false;
  if (frontDoor === 'function-url' && urlPermissions !== undefined) return isFunctionUrlAllowed(urlPermissions);
  return true;
}
