// Key controls in the dashboard: disable and enable, an IP allowlist, metadata.
import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

test("disable and enable a key; an allowlist and metadata from the edit dialog, bad input explained", async ({ page, request }) => {
  await signUp(page);
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("Guarded");
  await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
  const raw = (await page.getByTestId("raw-key").textContent())!.trim();
  await page.getByRole("dialog").getByRole("button", { name: "I have stored the key" }).click();
  const ping = () => request.get("/api/v1/ping", { headers: { Authorization: `Bearer ${raw}` } });
  await page.getByRole("link", { name: "Guarded" }).click();

  await page.getByRole("button", { name: "Disable Guarded" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable key" }).click();
  await expect(page.getByText(/disabled since/)).toBeVisible();
  await expect(async () => {
    const res = await ping();
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("KEY_DISABLED");
  }).toPass({ timeout: 2000 });
  await page.getByRole("button", { name: "Enable Guarded" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Enable key" }).click();
  await expect(async () => expect((await ping()).status()).toBe(200)).toPass({ timeout: 2000 });

  await page.getByRole("button", { name: "Edit Guarded" }).click();
  const edit = page.getByRole("dialog");
  await edit.getByText("IP allowlist and metadata").click();
  await edit.getByLabel("Allowed client addresses").fill("10.0.0.0/33");
  await edit.getByLabel("Metadata (JSON object)").fill("[1, 2]");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText('"10.0.0.0/33" is not an IP address or CIDR range')).toBeVisible();
  await expect(edit.getByText("Metadata must be a JSON object")).toBeVisible();
  await edit.getByLabel("Allowed client addresses").fill("203.0.113.0/24\n2001:DB8::/32");
  await edit.getByLabel("Metadata (JSON object)").fill('{"plan": "gold"}');
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("203.0.113.0/24, 2001:db8::/32")).toBeVisible();
  await expect(async () => {
    const res = await ping();
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("IP_NOT_ALLOWED");
  }).toPass({ timeout: 2000 });
  await expect(page.getByText('{"plan":"gold"}')).toBeVisible();
});
