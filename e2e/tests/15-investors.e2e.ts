import { assert, DEMO_USERS, defineTest, eventually, signIn, uniqueSuffix } from "../lib/harness";

// Investors: add one with preferences, find them by search, open the profile (and edit it in place).
export default defineTest("staff add an investor with preferences, find them by search and open the profile", async (t) => {
  const { page, baseURL } = t;
  await signIn(t, DEMO_USERS.owner);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Investors", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/investors");
  const table = page.getByRole("table", { name: "Investors", exact: true });
  await table.locator("tbody tr").first().waitFor();
  await t.screenshot("investors-list");

  const suffix = uniqueSuffix();
  const lastName = `Quill${suffix}`;
  await page.getByRole("button", { name: "Add investor", exact: true }).click();
  const form = page.getByRole("form", { name: "Add investor" });
  // The API's rules, before anything is sent.
  await form.getByLabel("Target return (%)", { exact: true }).fill("140");
  await form.getByRole("button", { name: "Save investor" }).click();
  await form.getByText("is required", { exact: true }).waitFor();
  await form.getByText("must be 0–100%", { exact: true }).waitFor();

  await form.getByLabel("First name", { exact: true }).fill("Quinn");
  await form.getByLabel("Last name", { exact: true }).fill(lastName);
  await form.getByLabel("Company", { exact: true }).fill("Harbor Lane Capital");
  await form.getByLabel("Email", { exact: true }).fill(`quinn.${suffix}@invest.example`);
  await form.getByLabel("Accreditation", { exact: true }).selectOption("accredited");
  await form.getByLabel("Minimum investment", { exact: true }).fill("50,000");
  await form.getByLabel("Maximum investment", { exact: true }).fill("$300,000");
  await form.getByLabel("Capital committed", { exact: true }).fill("150000");
  await form.getByLabel("Capital available", { exact: true }).fill("450000");
  await form.getByRole("checkbox", { name: "Multifamily" }).check();
  await form.getByRole("checkbox", { name: "Single-family" }).check();
  const states = form.getByLabel("States", { exact: true });
  await states.fill("tx");
  await states.press("Enter");
  await states.fill("ok");
  await states.press("Enter");
  const cities = form.getByLabel("Cities", { exact: true });
  await cities.fill("Austin, TX");
  await cities.press("Enter");
  const zips = form.getByLabel("ZIP codes", { exact: true });
  await zips.fill("78704");
  await zips.press("Enter");
  await form.getByLabel("Target return (%)", { exact: true }).fill("12.5");
  await form.getByLabel("Risk tolerance", { exact: true }).selectOption("6");
  await form.getByLabel("Hold period (months)", { exact: true }).fill("60");
  await form.getByLabel("Leverage", { exact: true }).selectOption("moderate");
  await t.screenshot("investors-add-dialog");
  await form.getByRole("button", { name: "Save investor" }).click();
  await page.getByText("Investor added", { exact: true }).first().waitFor();

  // Find them by search: the filter goes into the URL and the list follows.
  await page.getByRole("searchbox", { name: "Search investors" }).fill(lastName);
  await page.waitForURL((url) => url.searchParams.get("q") === lastName);
  await eventually(async () => (await table.locator("tbody tr").count()) === 1, "the search should leave one investor");
  await page.getByLabel("Property type", { exact: true }).selectOption("multifamily");
  await page.waitForURL((url) => url.searchParams.get("propertyType") === "multifamily");
  await page.getByLabel("State", { exact: true }).fill("OK");
  await page.waitForURL((url) => url.searchParams.get("state") === "OK");
  await eventually(async () => (await table.locator("tbody tr").count()) === 1, "the filters should still leave the investor");
  await t.screenshot("investors-search");

  // The filters survive a reload (they are in the URL).
  await page.reload();
  await table.getByRole("link", { name: `Quinn ${lastName}` }).waitFor();
  await table.getByRole("link", { name: `Quinn ${lastName}` }).click();
  await page.waitForURL((url) => /^\/investors\/[0-9a-f-]{36}$/.test(url.pathname));

  await page.getByRole("heading", { level: 1, name: `Quinn ${lastName}` }).waitFor();
  const prefs = page.getByLabel("Preferences", { exact: true });
  await prefs.getByText("12.5%", { exact: true }).waitFor();
  await prefs.getByText("Austin, TX", { exact: true }).waitFor();
  await prefs.getByText("6 / 10", { exact: true }).waitFor();
  await page.getByRole("img", { name: "Capital: $150,000 committed, $450,000 available" }).waitFor();
  await page.getByRole("heading", { name: "Open deals that fit" }).waitFor();
  await t.screenshot("investor-profile-new", { fullPage: true });

  // Edit in place.
  await page.getByRole("button", { name: "Edit investor" }).click();
  const edit = page.getByRole("form", { name: "Edit investor" });
  await edit.getByLabel("Target return (%)", { exact: true }).fill("15");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await page.getByText("Investor saved", { exact: true }).first().waitFor();
  await page.getByLabel("Preferences", { exact: true }).getByText("15%", { exact: true }).waitFor();

  // The demo investor's profile has a portfolio: both charts draw it.
  await page.goto(`${baseURL}/investors?q=Investor`);
  await table.getByRole("link", { name: /Investor$/ }).first().click();
  await page.waitForURL((url) => /^\/investors\/[0-9a-f-]{36}$/.test(url.pathname));
  const invested = page.getByRole("img", { name: /^Invested capital grew to/ });
  await invested.waitFor();
  assert((await invested.locator("circle").count()) > 0, "the invested-capital chart should plot the investments");
  assert((await page.getByRole("img", { name: /^Realised and projected return for \d+ deals?$/ }).locator("rect").count()) > 0, "the returns chart should draw bars");
  await t.screenshot("investor-profile-portfolio", { fullPage: true });
});
