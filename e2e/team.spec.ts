// Team administration as owners and members live it: an invitation accepted in another
// browser, a role change that hides buttons, a removal, ownership rules, a password change
// that signs other browsers out, and a key policy enforced in the dialog and over the API.
import { expect, test } from "@playwright/test";
import { inviteMember } from "../lib/team/invitations";
import { addMember, addUser, db } from "./db";
import { captureServerAction, PASSWORD, replayServerAction, rowAction, signIn, signUp, uniqueEmail } from "./helpers";

test("an owner invites a member, changes their role, and removes them", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const owner = await signUp(page, "Team Test Org");
  const invitee = await addUser();

  await page.goto(`/${owner.orgSlug}/members`);
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email").fill(invitee.email);
  await dialog.getByLabel("Role").selectOption("MEMBER");
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  const link = (await dialog.getByLabel("Invitation link", { exact: true }).textContent())!.trim();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("region", { name: "Pending invitations" })).toContainText(invitee.email);

  // The invitee, signed out in another browser, follows the link, signs in and joins.
  const other = await browser.newContext();
  await other.clearCookies(); // new contexts start with the setup's signed-in state
  const theirs = await other.newPage();
  await theirs.goto(new URL(link).pathname);
  await expect(theirs.getByRole("heading", { name: "Join Team Test Org" })).toBeVisible();
  await theirs.getByRole("link", { name: "Sign in to accept" }).click();
  await expect(theirs.getByLabel("Email")).toHaveValue(invitee.email);
  await theirs.getByLabel("Password").fill(PASSWORD);
  await theirs.getByRole("button", { name: "Sign in" }).click();
  await theirs.getByRole("button", { name: "Join Team Test Org" }).click();
  await expect(theirs.getByRole("heading", { name: "Recent changes" })).toBeVisible();
  await theirs.goto(new URL("keys", `${theirs.url()}/`).pathname);
  await expect(theirs.getByRole("heading", { name: "API keys" })).toBeVisible();
  await expect(theirs.getByRole("button", { name: "Create key" })).toBeVisible();
  // The link works once.
  await theirs.goto(new URL(link).pathname);
  await expect(theirs.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();

  // The owner makes them a viewer: their create button goes, and a forged create is refused.
  await page.reload();
  await page.getByLabel(`Role of ${invitee.email}`).selectOption("VIEWER");
  await expect(async () => {
    expect((await db().membership.findFirstOrThrow({ where: { user: { email: invitee.email } } })).role).toBe("VIEWER");
  }).toPass();
  await page.goto(`/${owner.orgSlug}/keys`);
  const forged = await captureServerAction(page, async () => {
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByRole("dialog").getByLabel("Name").fill("forged-by-demoted");
    await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
  });
  await theirs.goto(`/${owner.orgSlug}/keys`);
  await expect(theirs.getByRole("heading", { name: "API keys" })).toBeVisible();
  await expect(theirs.getByRole("button", { name: "Create key" })).toHaveCount(0);
  const refused = await replayServerAction(theirs, forged);
  expect(await refused.text()).toContain("Your role does not allow this.");
  expect(await db().apiKey.count({ where: { name: "forged-by-demoted" } })).toBe(0);

  // Removed: their next page load is the no-organization page.
  await page.goto(`/${owner.orgSlug}/members`);
  await rowAction(page, invitee.email, "Remove");
  await page.getByRole("dialog").getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByRole("region", { name: "Members", exact: true })).not.toContainText(invitee.email);
  await theirs.goto("/");
  await expect(theirs.getByRole("heading", { name: "You are not in an organization" })).toBeVisible();
  expect((await theirs.request.get(`/${owner.orgSlug}/keys`, { maxRedirects: 0 })).status()).toBe(404);

  // The last owner cannot leave: no Leave button, and a forged removal is refused.
  await expect(page.getByText("Last owner: transfer ownership to leave")).toBeVisible();
  await expect(page.getByRole("button", { name: "Your membership actions" })).toHaveCount(0);
  await other.close();
});

test("changing the password signs the other browser out; /api/auth/session then answers {}", async ({ page, browser }) => {
  const owner = await signUp(page);
  const other = await browser.newContext();
  const second = await other.newPage();
  await signIn(second, owner.email);
  await expect(second.getByRole("heading", { name: "Recent changes" })).toBeVisible();
  const cookies = await other.cookies();

  await page.goto("/account");
  await expect(page.getByRole("region", { name: "Your sessions" })).toContainText("(this browser)");
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase for keyhouse 7");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. Signed out 1 other session.")).toBeVisible();

  await second.reload();
  await expect(second.getByRole("heading", { name: "Sign in" })).toBeVisible();
  // The old cookie, replayed, no longer names anyone.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  expect(await (await replay.request.get("/api/auth/session")).json()).toEqual({});
  await replay.close();
  await other.close();
});

test("with a 90-day maximum lifetime, a key without expiry is refused in the dialog and over the API", async ({ page, request }) => {
  const owner = await signUp(page);
  await page.goto(`/${owner.orgSlug}/settings`);
  await page.getByLabel("Maximum key lifetime (days)").fill("90");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();

  await page.goto(`/${owner.orgSlug}/keys`);
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("This organization's keys expire within 90 days.")).toBeVisible();
  const choices = await dialog.getByLabel("Expires").locator("option").allTextContents();
  expect(choices).not.toContain("Never");
  await dialog.getByLabel("Name").fill("too long");
  await dialog.getByLabel("Expires").selectOption("date");
  const late = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
  await dialog.getByLabel("Expiry date").fill(late);
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("choose an earlier expiry")).toBeVisible();
  await dialog.getByLabel("Expires").selectOption("30");
  await dialog.getByLabel("memories:write", { exact: true }).uncheck();
  await dialog.getByLabel("admin", { exact: true }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const raw = (await dialog.getByTestId("raw-key").textContent())!.trim();

  const res = await request.post("/api/v1/keys", { headers: { Authorization: `Bearer ${raw}` }, data: { name: "api without expiry" } });
  expect(res.status()).toBe(400);
  expect((await res.json()).error).toEqual({ code: "BAD_REQUEST", message: "Invalid body field 'expiresAt': This organization's keys expire within 90 days: choose an expiry." });
});

test("the invitations an admin sent are shown with their sender and end when the admin is removed (M4)", async ({ page }) => {
  const { orgSlug } = await signUp(page, "Sender Org");
  const admin = await addMember(orgSlug, "ADMIN");
  const adminUser = await db().user.findUniqueOrThrow({ where: { email: admin.email } });
  const org = await db().organization.findUniqueOrThrow({ where: { slug: orgSlug } });
  const backDoor = uniqueEmail();
  await inviteMember(org.id, { email: backDoor, role: "ADMIN" }, { userId: adminUser.id, email: admin.email, role: "ADMIN" });

  await page.goto(`/${orgSlug}/members`);
  const pending = page.getByRole("region", { name: "Pending invitations" });
  await expect(pending.getByRole("row", { name: new RegExp(backDoor) })).toContainText(admin.email);
  await rowAction(page, admin.email, "Remove");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`Their pending invitation (${backDoor}) is revoked too.`);
  await dialog.getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByRole("region", { name: "Pending invitations" })).toHaveCount(0);
  await expect(page.getByText("None.")).toBeVisible();
  expect((await db().invitation.findFirstOrThrow({ where: { email: backDoor } })).revokedAt).not.toBeNull();
});

test("an owner makes a member the owner from the row menu and becomes an admin", async ({ page }) => {
  const { orgSlug, email } = await signUp(page);
  const member = await addMember(orgSlug, "MEMBER");
  await page.goto(`/${orgSlug}/members`);
  await rowAction(page, member.email, "Make owner");
  const dialog = page.getByRole("dialog", { name: `Make ${member.email} the owner?` });
  await expect(dialog).toContainText("you become an admin");
  await dialog.getByRole("button", { name: "Transfer ownership" }).click();
  await expect(dialog).toBeHidden();
  const members = page.getByRole("region", { name: "Members", exact: true });
  await expect(members.getByRole("row", { name: new RegExp(email) })).toContainText("Admin");
  // An admin makes no owners: the menu offers none, and the new owner's row has no menu at all.
  await expect(members.getByRole("button", { name: `Actions for ${member.email}` })).toHaveCount(0);
  const roles = await db().membership.findMany({ where: { organization: { slug: orgSlug } }, include: { user: true } });
  expect(Object.fromEntries(roles.map((m) => [m.user.email, m.role]))).toEqual({ [email]: "ADMIN", [member.email]: "OWNER" });
});

test("a new person accepts an invitation with one form and lands in the organization", async ({ page, browser }) => {
  const { orgSlug } = await signUp(page, "Newcomer Org");
  const org = await db().organization.findUniqueOrThrow({ where: { slug: orgSlug } });
  const owner = await db().membership.findFirstOrThrow({ where: { organizationId: org.id, role: "OWNER" }, include: { user: true } });
  const email = uniqueEmail();
  const { token } = await inviteMember(org.id, { email, role: "MEMBER" }, { userId: owner.userId, email: owner.user.email, role: "OWNER" });

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const theirs = await context.newPage();
  await theirs.goto(`/invite/${token}`);
  await theirs.getByRole("link", { name: "New to Keyhouse? Create an account" }).click();
  await theirs.getByLabel("Your name").fill("New Person");
  await theirs.getByLabel("Password").fill(PASSWORD);
  await theirs.getByRole("button", { name: "Create account" }).click();
  await expect(theirs).toHaveURL(new RegExp(`/${orgSlug}$`));
  await expect(theirs.getByRole("heading", { level: 1, name: "Newcomer Org" })).toBeVisible();
  const user = await db().user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
  expect(user.memberships.map((m) => [m.organizationId, m.role])).toEqual([[org.id, "MEMBER"]]);
  await context.close();
});
