// Runs once before the other e2e tests: signs up through the real form and keeps the
// session, so tests start signed in without repeating the sign-up.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test as setup } from "@playwright/test";
import { OWNER_META, OWNER_STATE } from "./constants";
import { signUpThroughForm } from "./helpers";

setup("sign up through the form and keep the session", async ({ page }) => {
  const owner = await signUpThroughForm(page);
  mkdirSync(path.dirname(OWNER_STATE), { recursive: true });
  await page.context().storageState({ path: OWNER_STATE });
  writeFileSync(OWNER_META, JSON.stringify(owner));
});
