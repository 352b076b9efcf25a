import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { PASSWORD, uniqueEmail } from "./constants";
import { addOwner } from "./db";

export { PASSWORD, uniqueEmail };

/**
 * A fresh owner of a fresh organization, signed in in this page's context; ends on the
 * organization's keys page. The sign-up form itself is driven once, by e2e/auth.setup.ts,
 * and by the tests of sign-up (signUpThroughForm).
 */
export async function signUp(page: Page, org = "E2E Org") {
  const { email, orgSlug } = await addOwner(org);
  await signInWithRequest(page.request, email);
  await page.goto(`/${orgSlug}/keys`);
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  return { email, orgSlug };
}

/** next-auth's credentials sign-in over HTTP (the form does the same); sets the session cookie. */
export async function signInWithRequest(request: APIRequestContext, email: string, password = PASSWORD) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: "/", json: "true" },
  });
  expect(res.ok()).toBe(true);
}

/** Signs up through the form, which signs the new account in; ends on the organization's overview. */
export async function signUpThroughForm(page: Page, email = uniqueEmail(), org = "E2E Org") {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("E2E User");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Organization name").fill(org);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Get started in three steps" })).toBeVisible();
  return { email, orgSlug: new URL(page.url()).pathname.split("/")[1] };
}

/** Signs in through the form as `email` (signing out whoever this context was signed in as). */
export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.context().clearCookies();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

export interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The next server-action POST this page makes, held back from the server: `act` drives the
 * form; the request it would have sent is returned so another user can replay it (a forged call).
 */
export async function captureServerAction(page: Page, act: () => Promise<void>): Promise<CapturedAction> {
  let captured: CapturedAction | undefined;
  await page.route("**/*", async (route) => {
    const req = route.request();
    if (req.method() === "POST" && req.headers()["next-action"]) {
      captured = { url: req.url(), headers: req.headers(), body: req.postDataBuffer()! };
      await route.abort();
    } else await route.continue();
  });
  await act();
  await expect.poll(() => captured).toBeTruthy();
  await page.unrouteAll({ behavior: "ignoreErrors" });
  return captured!;
}

/** Sends a captured server action with `page`'s own session cookie instead of the original. */
export async function replayServerAction(page: Page, action: CapturedAction) {
  const { cookie: _cookie, ...headers } = action.headers;
  return page.request.post(action.url, { headers, data: action.body });
}

/** Creates a key through the dialog of the keys page; the one-time reveal stays open. */
export async function createKeyInDialog(page: Page, name: string) {
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create key" }).click();
  const raw = (await dialog.getByTestId("raw-key").textContent())!.trim();
  return { dialog, raw };
}

/** The same, then closes the reveal; returns the raw key. */
export async function createKey(page: Page, name: string) {
  const { dialog, raw } = await createKeyInDialog(page, name);
  await dialog.getByRole("button", { name: "I have stored the key" }).click();
  return raw;
}

type ActionManifest = Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;

/** Every server action of the build under test, by id (Next's server reference manifest). */
export function serverActions(): ActionManifest {
  return JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")).node;
}

/**
 * Calls a server action the way a forger would, without its page: React's reply encoding of
 * (prevState, formData), the FormData's fields under "_<reference id>_".
 */
export async function forgeServerAction(
  request: APIRequestContext,
  action: string,
  pageUrl: string,
  fields: Record<string, string>,
  options: { maxRedirects?: number } = {},
) {
  const id = /^[0-9a-f]{40,}$/.test(action) ? action : Object.entries(serverActions()).find(([, a]) => a.exportedName === action)?.[0];
  expect(id, `server action ${action}`).toBeDefined();
  // The fields first, the root last, in the order a browser sends them.
  const multipart = new FormData();
  for (const [k, v] of Object.entries(fields)) multipart.append(`_1_${k}`, v);
  multipart.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  return request.post(pageUrl, { headers: { "Next-Action": id!, Accept: "text/x-component" }, multipart, ...options });
}

/** Picks an action from a key row's "…" menu on the keys page. */
export async function rowAction(page: Page, name: string, action: "Rotate" | "Revoke" | "Make owner" | "Remove" | "Leave") {
  await page.getByRole("button", { name: `Actions for ${name}`, exact: true }).click();
  await page.getByRole("menuitem", { name: action, exact: true }).click();
}

/** axe-core on the page as it is: WCAG 2.2 A and AA and axe's best practices, any impact. */
export async function expectNoViolations(page: Page, label: string) {
  // A toast fading in or out is half transparent: axe would measure a contrast no one reads.
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 15_000 });
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, `${label}: axe violations`).toEqual([]);
}
