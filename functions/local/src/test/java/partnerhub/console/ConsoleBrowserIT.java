package partnerhub.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import partnerhub.local.LocalRuntime;
import partnerhub.local.RuntimeOptions;

/**
 * The partner console in headless Chromium (Debian's package at /usr/bin/chromium), driven by Playwright, against
 * the local runtime with its demo, as a newcomer uses it after {@code ./run-local --demo}. The viewer sits in New
 * York, so a time shown in UTC by mistake would not pass. The walk through a trial moves the simulated clock, so it
 * runs last. Screenshots land in {@code target/console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final ZoneId VIEWER_ZONE = ZoneId.of("America/New_York");

    static LocalRuntime runtime;
    static Playwright playwright;
    static Browser browser;

    BrowserContext context;
    Page page;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "The console's browser tests need Chromium at " + CHROMIUM
                + ": apt-get install -y chromium (or -Dchromium=/path/to/chromium)");
        runtime = LocalRuntime.start(new RuntimeOptions(0, null, true,
                Path.of(System.getProperty("templatePath", "../../template.yaml")),
                Path.of(System.getProperty("consolePath", "../../console")), false));
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true));
        // Generous waits, for a busy machine: a development route that reads moto's whole state (the emails) can
        // take half a minute there, and the clock's route waits for it. Assertions pass as soon as the page does.
        PlaywrightAssertions.setDefaultAssertionTimeout(60_000);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (playwright != null) {
            playwright.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        context = newContext(1280, 900);
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        context.close();
    }

    BrowserContext newContext(int width, int height) {
        BrowserContext created = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(runtime.baseUrl().toString())
                .setTimezoneId(VIEWER_ZONE.getId())
                .setLocale("en-US")
                .setViewportSize(width, height)
                .setPermissions(List.of("clipboard-read", "clipboard-write")));
        created.setDefaultTimeout(60_000);
        return created;
    }

    // ------------------------------------------------------------------ steps a partner takes

    void signInAsTheDemoPartner() {
        page.navigate("/");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in as the demo partner")).click();
        assertThat(page.locator(".who")).hasText("alice@demo-msp.example (partner demo)");
        assertThat(page.locator("#sign-in")).isHidden();
    }

    Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    Locator tab(String name) {
        return page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    Locator row(String organization) {
        return page.locator(".customers-table tbody tr").filter(new Locator.FilterOptions().setHasText(organization));
    }

    Locator dialog() {
        return page.locator("#customer-dialog");
    }

    Locator summary(String term) {
        return dialog().locator("[data-term=\"" + term + "\"] dd");
    }

    void manage(String organization) {
        row(organization).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Manage " + organization))
                .click();
        assertThat(dialog().locator("#customer-title")).hasText(organization);
    }

    Locator actionButton(String name) {
        return dialog().locator(".actions").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    void action(String name) {
        actionButton(name).click();
    }

    void reportImport(String state, String message, String errorCode, String errorMessage) {
        action("Simulate import progress (local)");
        Locator panel = dialog().locator("#action-panel");
        var exact = new Locator.GetByLabelOptions().setExact(true);
        panel.getByLabel("State", exact).selectOption(state);
        panel.getByLabel("Message (optional)", exact).fill(message);
        panel.getByLabel("Error code (optional)", exact).fill(errorCode);
        panel.getByLabel("Error message (optional)", exact).fill(errorMessage);
        panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Report")).click();
        assertThat(panel).hasCount(0);
    }

    /** Closes the customer's dialog, and returns once the list behind it is drawn again with what it refreshed. */
    void closeDialog() {
        refreshingTheList(() -> page.keyboard().press("Escape"));
        assertThat(dialog()).isHidden();
    }

    /**
     * Does what refreshes the list, and returns once the list has drawn the answer: its {@code GET /customers} has
     * answered and its {@code aria-busy} is false again (both set in one task after the answer). What follows then
     * asserts the state after the refresh, never a race with it.
     */
    void refreshingTheList(Runnable action) {
        page.waitForResponse(response -> response.request().method().equals("GET")
                && URI.create(response.url()).getPath().equals("/customers"), action);
        assertThat(page.locator("#customer-list")).hasAttribute("aria-busy", "false");
    }

    /** Marks an element, so that a later assertion can tell whether a refresh replaced it. */
    void markAsReplaceable(Locator element) {
        element.evaluate("element => element.dataset.beforeRefresh = 'true'");
    }

    /** The element that has the focus now, as a locator. */
    Locator focused() {
        return page.locator("*:focus");
    }

    void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    Instant instantShown(Locator time) {
        return Instant.parse(time.getAttribute("datetime"));
    }

    /**
     * The assertion, or on its failure what the server holds: the customer's event log and the import reports put on
     * the bus. (CI once saw two error lines for one report here, and nothing that could tell how.)
     */
    void explainedByTheServer(String organization, Runnable assertion) {
        try {
            assertion.run();
        } catch (AssertionError failure) {
            String state;
            try {
                var bearer = RequestOptions.create().setHeader("Authorization", "Bearer " + token());
                var customers = new ArrayList<Object>();
                for (String view : List.of("/customers?view=pending", "/customers")) {
                    customers.addAll((List<?>) JSON.std.mapFrom(page.request().get(view, bearer).text()).get("items"));
                }
                Object id = customers.stream().map(item -> (Map<?, ?>) item)
                        .filter(customer -> organization.equals(customer.get("organizationName")))
                        .map(customer -> customer.get("customerId")).findFirst().orElseThrow();
                var reports = ((List<?>) JSON.std.mapFrom(page.request().get("/local/events").text()).get("items"))
                        .stream().map(event -> (Map<?, ?>) event)
                        .filter(event -> "ImportProgress".equals(event.get("detailType"))
                                && ((Map<?, ?>) event.get("detail")).get("customerId").equals(id))
                        .toList();
                state = "event log: " + page.request().get("/customers/" + id + "/events", bearer).text()
                        + "\nimport reports on the bus: " + reports;
            } catch (IOException | RuntimeException unreadable) {
                state = "the server's state could not be read: " + unreadable;
            }
            throw new AssertionError(failure.getMessage() + "\n" + state, failure);
        }
    }

    String token() {
        return (String) page.evaluate("JSON.parse(sessionStorage.getItem('partnerhub.session')).token");
    }

    /** Signs in with "Sign in as another partner (local)", in the role given (ADMIN or VIEWER). */
    void signInAsAnotherPartner(String partnerId, String role) {
        page.navigate("/");
        page.getByText("Sign in as another partner (local)").click();
        page.getByLabel("Partner id").fill(partnerId);
        page.getByLabel("Role").selectOption(role);
        page.locator("details.other-partner").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Sign in").setExact(true)).click();
        assertThat(page.locator(".who")).containsText("(partner " + partnerId + ")");
    }

    /** The organization names in the table, top to bottom, once its rows are those of the answer drawn. */
    List<String> organizationsShown() {
        assertThat(page.locator("#customer-list")).hasAttribute("aria-busy", "false");
        return page.locator(".customers-table tbody tr[data-customer-id] .organization").allTextContents();
    }

    static RequestOptions bearer(String token) {
        return RequestOptions.create().setHeader("Authorization", "Bearer " + token);
    }

    /** A customer of the token's partner, added through the API; returns its id. */
    String addCustomer(String token, String organization) throws IOException {
        var created = page.request().post("/customers", bearer(token).setHeader("Content-Type", "application/json")
                .setData(Map.of("organizationName", organization, "sku", "STANDARD",
                        "notificationEmail", "it@" + organization.toLowerCase(Locale.ROOT).replace(' ', '-') + ".example")));
        assertEquals(201, created.status(), created.text());
        return (String) JSON.std.mapFrom(created.text()).get("customerId");
    }

    /** Activated by the customer and imported by the pipeline, as they would: its trial runs from now. */
    void onboard(String token, String customerId) throws IOException {
        String link = (String) apiGet(token, "/customers/" + customerId + "/activation-link").get("activationLink");
        var activated = page.request().post("/activations", RequestOptions.create()
                .setHeader("Content-Type", "application/json")
                .setData(Map.of("token", link.substring(link.indexOf("token=") + "token=".length()))));
        assertEquals(200, activated.status(), activated.text());
        var imported = page.request().post("/local/import-events", RequestOptions.create()
                .setHeader("Content-Type", "application/json")
                .setData(Map.of("customerId", customerId, "state", "COMPLETED")));
        assertEquals(202, imported.status(), imported.text());
        assertEquals("COMPLETED", apiGet(token, "/customers/" + customerId).get("onboardingStatus"));
    }

    Map<String, Object> apiGet(String token, String path) throws IOException {
        var answer = page.request().get(path, bearer(token));
        assertEquals(200, answer.status(), path + ": " + answer.text());
        return JSON.std.mapFrom(answer.text());
    }

    /** Every customer a listing of the API holds, page after page, in its order. */
    List<Map<?, ?>> apiCustomers(String token, String query) throws IOException {
        var customers = new ArrayList<Map<?, ?>>();
        String next = null;
        do {
            var answer = apiGet(token, "/customers?limit=100&" + query
                    + (next == null ? "" : "&nextToken=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
            ((List<?>) answer.get("items")).forEach(item -> customers.add((Map<?, ?>) item));
            next = (String) answer.get("nextToken");
        } while (next != null);
        return customers;
    }

    static List<String> names(List<Map<?, ?>> customers) {
        return customers.stream().map(customer -> (String) customer.get("organizationName")).toList();
    }

    // ------------------------------------------------------------------ the tests

    @Test
    @Order(1)
    void showsTheDemoPartnersCustomersAfterOneClickWithTimesInTheViewersZone() {
        signInAsTheDemoPartner();
        assertThat(tab("Customers")).hasAttribute("aria-selected", "true");
        assertThat(row("Northwind Traders")).containsText("Production");
        assertThat(row("Litware")).containsText("Expired");
        assertThat(row("Woodgrove Bank")).containsText("MARKETPLACE");

        Locator expiration = row("Fabrikam").locator("td[data-label=Expiration] time");
        Instant instant = instantShown(expiration);
        assertThat(expiration).hasAttribute("title", instant.toString());
        // The hour in New York (12-hour clock, en-US), which is never the hour in UTC.
        assertThat(expiration).hasText(Pattern.compile("(^|\\D)" + DateTimeFormatter.ofPattern("h:mm")
                .withZone(VIEWER_ZONE).format(instant) + "\\s[AP]M"));
        assertThat(page.locator(".emails")).containsText("Contoso's trial");
        screenshot("customers");

        tab("Customers").focus();
        page.keyboard().press("ArrowRight");
        assertThat(tab("Pending customers")).isFocused();
        assertThat(tab("Pending customers")).hasAttribute("aria-selected", "true");
        assertThat(row("Tailspin Toys").locator("td[data-label='Import errors']")).hasText("⚠ 1");
        assertThat(row("Tailspin Toys")).containsText("Imported 1,200 of 4,800 mailboxes");
        assertThat(row("Contoso").getByRole(AriaRole.BUTTON)).hasCount(2);
        screenshot("pending");

        page.setViewportSize(390, 844);
        screenshot("pending-phone");
    }

    @Test
    @Order(1)
    void aViewerSeesEveryCustomerAndIsOfferedNoChange() {
        page.navigate("/");
        page.locator("details.other-partner summary").click();
        page.getByLabel("Role").selectOption("VIEWER");
        page.locator("details.other-partner").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Sign in").setExact(true)).click();
        assertThat(page.locator(".role")).hasText("Viewer: read only");
        assertThat(row("Fabrikam")).isVisible();
        assertThat(page.locator("#add-customer")).isHidden();
        // No box to select a customer, no bulk action; but finding, sorting and exporting, as reads.
        assertThat(page.locator(".customers-table input[type=checkbox]")).hasCount(0);
        assertThat(page.locator("#bulk-actions")).isHidden();
        assertThat(page.getByText("Bulk actions")).hasCount(0);
        assertThat(page.getByText("Select all on this page")).hasCount(0);
        assertThat(button("Export CSV")).isVisible();
        refreshingTheList(() -> page.getByLabel("Source", new Page.GetByLabelOptions().setExact(true))
                .selectOption("MARKETPLACE"));
        assertEquals(List.of("Woodgrove Bank"), organizationsShown());
        refreshingTheList(() -> page.goBack());

        manage("Fabrikam");
        assertThat(dialog().locator(".read-only")).containsText("signed in as a viewer");
        assertThat(dialog().locator(".actions button")).hasCount(0);
        assertThat(summary("Account type")).isVisible();
        screenshot("viewer");
        closeDialog();

        // The API refuses a viewer's change whatever the page offers.
        var refused = page.request().put("/customers/" + row("Fabrikam").getAttribute("data-customer-id")
                + "/auto-upgrade", RequestOptions.create().setHeader("Authorization", "Bearer " + token())
                .setHeader("Content-Type", "application/json").setData("{\"enabled\": false}"));
        assertEquals(403, refused.status(), refused.text());
    }

    @Test
    @Order(2)
    void offersNoConversionForTheMarketplaceCustomerAndShowsTheServersRefusalIfOfferedAnyway() {
        signInAsTheDemoPartner();
        manage("Woodgrove Bank");
        assertThat(actionButton("Convert to production account")).hasCount(0);
        assertThat(dialog().locator(".refusal")).containsText("came from Marketplace");
        assertThat(dialog().locator("#customer-title")).isFocused();
        markAsReplaceable(row("Woodgrove Bank").getByRole(AriaRole.BUTTON));
        closeDialog();
        // The refresh the close caused drew a new row, and its Manage button has the focus.
        assertThat(row("Woodgrove Bank").getByRole(AriaRole.BUTTON)).isFocused();
        assertThat(focused()).not().hasAttribute("data-before-refresh", "true");

        // Were the console to offer it (a customer read as MSP), the API's SOURCE_NOT_MSP is shown by the action.
        page.route("**/customers/*", route -> {
            if (!route.request().method().equals("GET")) {
                route.resume();
                return;
            }
            var response = route.fetch();
            route.fulfill(new Route.FulfillOptions().setResponse(response)
                    .setBody(response.text().replace("\"MARKETPLACE\"", "\"MSP\"")));
        });
        manage("Woodgrove Bank");
        action("Convert to production account");
        dialog().locator("#action-panel").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Convert to production")).click();
        assertThat(dialog().locator("#action-panel [role=alert]"))
                .containsText("only customers your organization added (source MSP)");
        page.unrouteAll();
        screenshot("conversion-refused");
    }

    @Test
    @Order(3)
    void keepsTheFocusOnTheSameCustomerWhenAChangeRefreshesTheListBehindTheDialog() {
        signInAsTheDemoPartner();
        Locator manageWoodgrove = row("Woodgrove Bank").getByRole(AriaRole.BUTTON);
        markAsReplaceable(manageWoodgrove);
        manage("Woodgrove Bank");
        String before = summary("Automatic upgrade").textContent();

        // A saved change refreshes the list while the dialog is open: the button that opened it is gone.
        for (int change = 0; change < 2; change++) { // turned over and back, so later tests find it as it was
            action("Manage subscription upgrade");
            Locator panel = dialog().locator("#action-panel");
            panel.getByRole(AriaRole.SWITCH).click();
            refreshingTheList(() -> panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save"))
                    .click());
            assertThat(page.locator("[data-before-refresh]")).hasCount(0);
        }
        assertThat(summary("Automatic upgrade")).hasText(before);

        closeDialog();
        assertThat(manageWoodgrove).isFocused();
        // Its successor after any number of refreshes, not the element it opened from.
        assertThat(focused()).not().hasAttribute("data-before-refresh", "true");
        page.keyboard().press("Enter");
        assertThat(dialog().locator("#customer-title")).hasText("Woodgrove Bank");
        closeDialog();
        assertThat(manageWoodgrove).isFocused();
    }

    @Test
    @Order(4)
    void convertsAnMspTrialToProduction() {
        signInAsTheDemoPartner();
        manage("Fabrikam");
        action("Convert to production account");
        Locator panel = dialog().locator("#action-panel");
        panel.getByLabel("Professional").check();
        panel.getByLabel("Governance").check();
        screenshot("convert");
        panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Convert to production")).click();
        assertThat(summary("Account type")).hasText("Production");
        assertThat(summary("SKU")).hasText("PROFESSIONAL");
        assertThat(dialog().locator(".events-table tbody tr").first()).containsText("alice@demo-msp.example");
        closeDialog();
        assertThat(row("Fabrikam")).containsText("Production");
    }

    @Test
    @Order(5)
    void aConcurrentChangeIsSaidAndShownFresh() {
        signInAsTheDemoPartner();
        tab("Pending customers").click();
        manage("Tailspin Toys");
        action("Edit SKUs, add-ons and expiration");
        Locator panel = dialog().locator("#action-panel");
        panel.getByLabel("Enterprise").check();

        // Someone else changes the SKU meanwhile.
        String id = row("Tailspin Toys").getAttribute("data-customer-id");
        var concurrent = page.request().patch("/customers/" + id, RequestOptions.create()
                .setHeader("Authorization", "Bearer " + token()).setHeader("Content-Type", "application/json")
                .setData("{\"sku\":\"PROFESSIONAL\"}"));
        assertEquals(200, concurrent.status(), concurrent.text());

        panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save changes")).click();
        assertThat(dialog().locator(".notice")).containsText("changed while you were working on it");
        assertThat(summary("SKU")).hasText("PROFESSIONAL");
        assertThat(panel.getByLabel("Professional")).isChecked();

        // On the fresh state, the same edit goes through.
        panel.getByLabel("Enterprise").check();
        panel.getByLabel("Backup").check();
        panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save changes")).click();
        assertThat(summary("SKU")).hasText("ENTERPRISE");
        assertThat(summary("Add-ons")).hasText("AUDIT, BACKUP");
        assertThat(dialog().locator(".notice")).isEmpty();
    }

    @Test
    @Order(6)
    void pagesThroughTheListWithTheApisNextToken() throws Exception {
        String token = localToken("paging-msp", "ops@paging-msp.example");
        for (int i = 1; i <= 11; i++) {
            var created = page.request().post("/customers", RequestOptions.create()
                    .setHeader("Authorization", "Bearer " + token).setHeader("Content-Type", "application/json")
                    .setData(Map.of("organizationName", "Paged " + i, "notificationEmail", "it@paged" + i + ".example",
                            "sku", "STANDARD")));
            assertEquals(201, created.status(), created.text());
        }
        page.navigate("/");
        page.getByText("Sign in as another partner (local)").click();
        page.getByLabel("Partner id").fill("paging-msp");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        tab("Pending customers").click();

        Locator rows = page.locator(".customers-table tbody tr");
        assertThat(rows).hasCount(10);
        assertThat(rows.first()).containsText("Paged 11");
        assertThat(button("Previous")).isDisabled();

        // By keyboard: each page redraws the buttons, and the focus stays on the way through the pages (the other
        // button where the one pressed is now disabled), so Enter pages back and forth.
        button("Next").focus();
        refreshingTheList(() -> page.keyboard().press("Enter"));
        assertThat(rows).hasCount(1);
        assertThat(rows.first()).containsText("Paged 1");
        assertThat(page.locator(".page-number")).hasText("Page 2");
        assertThat(button("Next")).isDisabled();
        assertThat(button("Previous")).isFocused();
        refreshingTheList(() -> page.keyboard().press("Enter"));
        assertThat(rows).hasCount(10);
        assertThat(rows.first()).containsText("Paged 11");
        assertThat(button("Next")).isFocused();
    }

    @Test
    @Order(7)
    void aRetryOfOneSubmissionKeepsItsIdempotencyKeyAndAnotherAddGetsANewOne() {
        page.navigate("/");
        page.getByText("Sign in as another partner (local)").click();
        page.getByLabel("Partner id").fill("retry-msp");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        var keys = new ArrayList<String>();
        page.onRequest(request -> {
            if (request.method().equals("POST") && URI.create(request.url()).getPath().equals("/customers")) {
                keys.add(request.headerValue("idempotency-key"));
            }
        });
        // The first submission's answer is lost on the way: the network fails it.
        var lost = new java.util.concurrent.atomic.AtomicBoolean();
        page.route("**/customers", route -> {
            if (route.request().method().equals("POST") && lost.compareAndSet(false, true)) {
                route.abort();
            } else {
                route.resume();
            }
        });
        Locator add = page.locator("#add-dialog");
        Runnable fillGlobex = () -> {
            button("Add customer").click();
            add.getByLabel("Organization").fill("Globex");
            add.getByLabel("Notification email").fill("it@globex.example");
        };
        Locator submit = add.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add customer"));

        fillGlobex.run();
        submit.click();
        assertThat(add.locator(".form-alert")).containsText("could not be reached");
        submit.click();
        assertThat(add).isHidden();
        assertEquals(2, keys.size());
        assertEquals(keys.get(0), keys.get(1), "a retry of the same submission keeps its key");

        // Another customer with the same values: a new intent, a new key, a second customer.
        fillGlobex.run();
        submit.click();
        assertThat(add).isHidden();
        assertEquals(3, keys.size());
        assertTrue(!keys.get(2).equals(keys.get(1)), "another add gets a new key: " + keys);
        page.unrouteAll();
        assertThat(row("Globex")).hasCount(2);
    }

    @Test
    @Order(8)
    void drawsEveryDateTheApiCanReturnEvenOneNoBrowserDateHolds() {
        // Older data may hold a date past what a JavaScript Date holds (year 275760): shown as the API gave it.
        String farAway = "+275761-01-01T00:00:00Z";
        page.route(url -> URI.create(url).getPath().equals("/customers"), route -> {
            var response = route.fetch();
            route.fulfill(new Route.FulfillOptions().setResponse(response).setBody(response.text()
                    .replaceFirst("\"expirationDate\":\"[^\"]+\"", "\"expirationDate\":\"" + farAway + "\"")));
        });
        signInAsTheDemoPartner();

        assertThat(page.locator(".customers-table time[datetime='" + farAway + "']")).hasText(farAway);
        assertThat(page.locator(".customers-table tbody tr[data-customer-id]")).not().hasCount(0);
        page.unrouteAll();
    }

    @Test
    @Order(1)
    void findsCustomersWithFiltersKeptInTheAddressThroughAReloadAndBack() throws Exception {
        signInAsTheDemoPartner();
        assertThat(row("Northwind Traders")).isVisible();
        var exact = new Page.GetByLabelOptions().setExact(true);

        refreshingTheList(() -> page.getByLabel("Source", exact).selectOption("MARKETPLACE"));
        assertEquals(List.of("Woodgrove Bank"), organizationsShown());
        assertThat(page).hasURL(Pattern.compile("/\\?source=MARKETPLACE$"));

        // The search, case-insensitive, as the partner types (applied once the typing pauses).
        refreshingTheList(() -> page.getByLabel("Search").pressSequentially("WOOD"));
        assertEquals(names(apiCustomers(token(), "view=customers&source=MARKETPLACE&q=WOOD")), organizationsShown());
        assertEquals(List.of("Woodgrove Bank"), organizationsShown());
        assertThat(page).hasURL(Pattern.compile("/\\?source=MARKETPLACE&q=WOOD$"));
        page.getByLabel("Search").fill("");
        refreshingTheList(() -> page.getByLabel("Search").pressSequentially("northwind"));
        assertThat(page.locator(".customers-table td.empty")).hasText("No customers match these filters.");

        // A reload (or the link, bookmarked) shows the same view, its controls set as they were.
        refreshingTheList(() -> page.reload());
        assertThat(page.getByLabel("Search")).hasValue("northwind");
        assertThat(page.getByLabel("Source", exact)).hasValue("MARKETPLACE");
        assertThat(page.locator(".customers-table td.empty")).hasText("No customers match these filters.");

        // Back: one step per change, the keystrokes of one search being one change.
        refreshingTheList(() -> page.goBack());
        assertThat(page).hasURL(Pattern.compile("/\\?source=MARKETPLACE$"));
        assertThat(page.getByLabel("Search")).hasValue("");
        assertEquals(List.of("Woodgrove Bank"), organizationsShown());
        refreshingTheList(() -> page.goBack());
        assertThat(page.getByLabel("Source", exact)).hasValue("");
        assertEquals(names(apiCustomers(token(), "view=customers")), organizationsShown());
        screenshot("filters");
    }

    @Test
    @Order(1)
    void sortsByAColumnHeaderWithTheMouseOrTheKeyboard() throws Exception {
        signInAsTheDemoPartner();
        Locator organization = page.locator(".customers-table th").filter(new Locator.FilterOptions()
                .setHasText("Organization"));
        Locator added = page.locator(".customers-table th").filter(new Locator.FilterOptions().setHasText("Added"));
        assertThat(added).hasAttribute("aria-sort", "descending");
        assertThat(organization).not().hasAttribute("aria-sort", Pattern.compile(".*"));

        refreshingTheList(() -> organization.getByRole(AriaRole.BUTTON).click());
        assertThat(organization).hasAttribute("aria-sort", "ascending");
        assertThat(added).not().hasAttribute("aria-sort", Pattern.compile(".*"));
        assertThat(page).hasURL(Pattern.compile("/\\?sort=organizationName$"));
        List<String> shown = organizationsShown();
        var alphabetical = new ArrayList<>(shown);
        alphabetical.sort(String.CASE_INSENSITIVE_ORDER);
        assertEquals(alphabetical, shown);
        assertEquals(names(apiCustomers(token(), "view=customers&sort=organizationName")), shown);

        // By keyboard: Enter on the header's button, which keeps the focus through the redraw; again, the other way.
        added.getByRole(AriaRole.BUTTON).focus();
        refreshingTheList(() -> page.keyboard().press("Enter"));
        assertThat(added).hasAttribute("aria-sort", "descending");
        assertThat(added.getByRole(AriaRole.BUTTON)).isFocused();
        refreshingTheList(() -> page.keyboard().press("Enter"));
        assertThat(added).hasAttribute("aria-sort", "ascending");
        assertThat(added.getByRole(AriaRole.BUTTON)).isFocused();
        assertEquals(names(apiCustomers(token(), "view=customers&sort=createdAt")), organizationsShown());
    }

    @Test
    @Order(2)
    void exportsTheListingShownAsACsvFile() throws Exception {
        signInAsTheDemoPartner();
        refreshingTheList(() -> page.getByLabel("Account type", new Page.GetByLabelOptions().setExact(true))
                .selectOption("TRIAL"));
        var asked = new ArrayList<URI>();
        page.onRequest(request -> {
            if (URI.create(request.url()).getPath().equals("/customers/export")) {
                asked.add(URI.create(request.url()));
            }
        });

        var download = page.waitForDownload(() -> button("Export CSV").click());
        assertEquals(null, download.failure());
        assertEquals("customers-" + java.time.LocalDate.now(VIEWER_ZONE) + ".csv", download.suggestedFilename());
        assertEquals(Map.of("view", "customers", "accountType", "TRIAL", "sort", "-createdAt"),
                form(asked.getFirst().getRawQuery()));

        // Every customer of the listing, in its order, every field as the API gives it.
        List<List<String>> csv = parseCsv(Files.readString(download.path(), StandardCharsets.UTF_8));
        List<String> header = csv.getFirst();
        var customers = apiCustomers(token(), "view=customers&accountType=TRIAL");
        assertTrue(customers.size() >= 2, "the demo's trials: " + customers);
        assertEquals(customers.size(), csv.size() - 1, () -> "rows: " + csv);
        for (int i = 0; i < customers.size(); i++) {
            Map<?, ?> customer = customers.get(i);
            List<String> cells = csv.get(i + 1);
            assertTrue(header.containsAll(customer.keySet()), "header " + header + " holds " + customer.keySet());
            for (var field : customer.entrySet()) {
                String cell = cells.get(header.indexOf((String) field.getKey()));
                Object value = field.getValue();
                if (value instanceof String text && text.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                    assertEquals(Instant.parse(text), Instant.parse(cell), field.getKey() + " of " + customer);
                } else {
                    String expected = value == null ? "" : value instanceof List<?> list
                            ? String.join(";", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
                    assertEquals(expected, cell, field.getKey() + " of " + customer);
                }
            }
        }
        assertThat(page.locator("#status")).containsText("customers-");
    }

    /** RFC 4180: fields separated by commas, quoted when they hold a comma, a quote (doubled) or a line break. */
    static List<List<String>> parseCsv(String text) {
        var rows = new ArrayList<List<String>>();
        var row = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    @Test
    @Order(6)
    void appliesABulkActionOnceAndShowsWhatBecameOfEachCustomer() throws Exception {
        String token = localToken("bulk-msp", "ops@bulk-msp.example");
        String alpha = addCustomer(token, "Alpha Bulk");
        onboard(token, alpha);
        String beta = addCustomer(token, "Beta Bulk");
        onboard(token, beta);
        String gamma = addCustomer(token, "Gamma Bulk"); // pending: its trial has not started
        Instant alphaEnd = Instant.parse((String) apiGet(token, "/customers/" + alpha).get("expirationDate"));
        Instant betaEnd = Instant.parse((String) apiGet(token, "/customers/" + beta).get("expirationDate"));

        // Two trials on the Customers tab, the pending customer on the other: the selection spans both.
        signInAsAnotherPartner("bulk-msp", "ADMIN");
        assertThat(row("Beta Bulk")).isVisible();
        page.getByLabel("Select all on this page").check();
        assertThat(page.locator(".selection-count")).hasText("2 selected");
        assertThat(row("Alpha Bulk").getByLabel("Select Alpha Bulk")).isChecked();
        tab("Pending customers").click();
        row("Gamma Bulk").getByLabel("Select Gamma Bulk").check();
        assertThat(page.locator(".selection-count")).hasText("3 selected (2 not on this page)");
        assertThat(page.getByLabel("Select all on this page")).isChecked();

        // The first answer is lost on its way back: the request ran, the console never heard.
        var keys = new ArrayList<String>();
        var lost = new java.util.concurrent.atomic.AtomicBoolean();
        page.route("**/customers/bulk", route -> {
            keys.add(route.request().headerValue("idempotency-key"));
            if (lost.compareAndSet(false, true)) {
                route.fetch();
                route.abort();
            } else {
                route.resume();
            }
        });
        button("Bulk actions").click();
        page.locator("#bulk-menu").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Extend trial")).click();
        Locator panel = page.locator(".bulk-panel");
        assertThat(panel.locator("#bulk-title")).isFocused();
        assertThat(panel.locator(".bulk-names li")).hasCount(3);
        assertThat(panel.locator(".bulk-names")).containsText("Gamma Bulk");
        Locator submit = panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Extend trial for 3 customers"));
        submit.click();
        assertThat(panel.locator(".form-alert")).containsText("could not be reached");
        screenshot("bulk-confirm");
        refreshingTheList(submit::click);

        assertThat(panel.locator("#bulk-title")).hasText("Extend trial: 2 done, 1 not done");
        Locator results = panel.locator(".bulk-result");
        assertThat(results.filter(new Locator.FilterOptions().setHasText("Gamma Bulk"))).containsText(
                "Refused: the trial has not started yet");
        assertThat(results.filter(new Locator.FilterOptions().setHasText("Gamma Bulk"))).hasClass(
                Pattern.compile("\\bfailed\\b"));
        assertThat(results.filter(new Locator.FilterOptions().setHasText("Alpha Bulk"))).containsText("Trial ends");
        assertThat(results.filter(new Locator.FilterOptions().setHasText("Beta Bulk"))).hasClass(
                Pattern.compile("\\bdone\\b"));
        assertThat(page.locator("#status")).containsText("2 done, 1 not done");
        screenshot("bulk-results");
        page.unrouteAll();

        // Applied once, under one key: the retry got the first run's answer back, and nothing twice.
        assertEquals(2, keys.size(), keys::toString);
        assertEquals(keys.get(0), keys.get(1));
        assertEquals(alphaEnd.plus(Duration.ofDays(14)).toString(), apiGet(token, "/customers/" + alpha).get("expirationDate"));
        assertEquals(betaEnd.plus(Duration.ofDays(14)).toString(), apiGet(token, "/customers/" + beta).get("expirationDate"));
        assertEquals(null, apiGet(token, "/customers/" + gamma).get("expirationDate"));

        // The selection is spent, and the list shows the change.
        assertThat(page.locator(".selection-count")).hasText("None selected");
        assertThat(page.locator(".customers-table input[type=checkbox]:checked")).hasCount(0);
        tab("Customers").click();
        assertThat(row("Alpha Bulk").locator("td[data-label=Expiration] time"))
                .hasAttribute("datetime", alphaEnd.plus(Duration.ofDays(14)).toString());
    }

    @Test
    @Order(6)
    void fillsAPageTheApiEndedShortAndOffersNextWhileItHasMore() throws Exception {
        String token = localToken("short-msp", "ops@short-msp.example");
        for (int i = 1; i <= 4; i++) {
            addCustomer(token, "Short " + i);
        }
        // The API may end a filtered page short, even empty, with a nextToken (it reads at most 10,000 customers a
        // request). Here a first page is cut to one customer.
        var asked = new ArrayList<String>();
        page.route(url -> URI.create(url).getPath().equals("/customers"), route -> {
            String url = route.request().url();
            asked.add(url);
            if (url.contains("nextToken=")) {
                route.resume();
            } else {
                route.fulfill(new Route.FulfillOptions().setResponse(route.fetch(new Route.FetchOptions()
                        .setUrl(url.replaceFirst("limit=\\d+", "limit=1")))));
            }
        });
        signInAsAnotherPartner("short-msp", "ADMIN");
        refreshingTheList(() -> tab("Pending customers").click());
        assertEquals(names(apiCustomers(token, "view=pending")), organizationsShown());
        assertEquals(4, organizationsShown().size());
        assertThat(button("Next")).isDisabled();
        List<String> pending = asked.stream().filter(url -> url.contains("view=pending")).toList();
        assertEquals(2, pending.size(), pending::toString);
        assertTrue(pending.get(1).contains("limit=9") && pending.get(1).contains("nextToken="), pending::toString);

        // Now every answer is empty but for its token: a few requests, then no false "no match", and Next.
        page.unrouteAll();
        asked.clear();
        page.route(url -> URI.create(url).getPath().equals("/customers"), route -> {
            asked.add(route.request().url());
            var response = route.fetch(new Route.FetchOptions()
                    .setUrl(route.request().url().replaceFirst("limit=\\d+", "limit=1")));
            try {
                var answer = JSON.std.mapFrom(response.text());
                answer.put("items", List.of());
                route.fulfill(new Route.FulfillOptions().setResponse(response).setBody(JSON.std.asString(answer)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        refreshingTheList(() -> page.getByLabel("Search").fill("short"));
        assertThat(page.locator(".customers-table td.empty")).hasText(
                "No match among the customers read so far. Next reads further.");
        assertThat(button("Next")).isEnabled();
        assertEquals(3, asked.size(), asked::toString);
        page.unrouteAll();
        refreshingTheList(() -> button("Next").click());
        assertEquals(List.of("Short 1"), organizationsShown());
    }

    @Test
    @Order(9)
    void signsInWithOpenIdConnectAuthorizationCodeAndPkce() throws Exception {
        // A stand-in provider at https://idp.example, answered by the test: discovery, the authorization endpoint
        // (which sends the browser back with a code) and the token endpoint (which checks the PKCE verifier).
        var authorization = new ConcurrentHashMap<String, String>();
        var exchange = new ConcurrentHashMap<String, String>();
        String accessToken = localToken("oidc-msp", "bob@oidc-msp.example");
        String base = runtime.baseUrl().toString();
        page.route("**/config.js", route -> route.fulfill(new Route.FulfillOptions()
                .setContentType("text/javascript")
                .setBody("export default {mode: 'oidc', apiUrl: '', issuer: 'https://idp.example', clientId: 'console',"
                        + " redirectUri: '" + base + "/', tokenType: 'access_token'};")));
        Map<String, String> cors = Map.of("Access-Control-Allow-Origin", "*");
        page.route("https://idp.example/**", route -> {
            var url = URI.create(route.request().url());
            switch (url.getPath()) {
                case "/.well-known/openid-configuration" -> route.fulfill(new Route.FulfillOptions().setHeaders(cors)
                        .setContentType("application/json").setBody("{\"issuer\":\"https://idp.example\","
                                + "\"authorization_endpoint\":\"https://idp.example/authorize\","
                                + "\"token_endpoint\":\"https://idp.example/token\"}"));
                case "/authorize" -> {
                    authorization.putAll(form(url.getRawQuery()));
                    route.fulfill(new Route.FulfillOptions().setStatus(302).setHeaders(Map.of("Location",
                            base + "/?code=the-code&state=" + authorization.get("state"))));
                }
                case "/token" -> {
                    exchange.putAll(form(route.request().postData()));
                    String idToken = unsignedJwt(Map.of("nonce", authorization.get("nonce"), "aud", "console"));
                    route.fulfill(new Route.FulfillOptions().setHeaders(cors).setContentType("application/json")
                            .setBody("{\"id_token\":\"" + idToken + "\",\"access_token\":\"" + accessToken
                                    + "\",\"token_type\":\"Bearer\"}"));
                }
                default -> route.abort();
            }
        });

        // From a shared link to a sorted listing: the listing is back in place after the provider's round trip.
        page.navigate("/?sort=organizationName");
        button("Sign in").click();
        assertThat(page.locator(".who")).hasText("bob@oidc-msp.example (partner oidc-msp)");
        assertThat(page.locator(".customers-table td.empty")).hasText("No onboarded customers yet.");
        assertTrue(!page.url().contains("code="), "the code leaves the address bar: " + page.url());
        assertThat(page).hasURL(base + "/?sort=organizationName");
        assertThat(page.locator(".customers-table th").filter(new Locator.FilterOptions().setHasText("Organization")))
                .hasAttribute("aria-sort", "ascending");

        assertEquals("code", authorization.get("response_type"));
        assertEquals("console", authorization.get("client_id"));
        assertEquals(base + "/", authorization.get("redirect_uri"));
        assertEquals("S256", authorization.get("code_challenge_method"));
        assertEquals("authorization_code", exchange.get("grant_type"));
        assertEquals("the-code", exchange.get("code"));
        assertEquals(base + "/", exchange.get("redirect_uri"));
        String verifier = exchange.get("code_verifier");
        assertTrue(verifier.length() >= 43, verifier);
        assertEquals(authorization.get("code_challenge"), Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(verifier.getBytes(StandardCharsets.US_ASCII))));
    }

    static Map<String, String> form(String encoded) {
        var values = new HashMap<String, String>();
        for (String pair : encoded.split("&")) {
            String[] nameValue = pair.split("=", 2);
            values.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        return values;
    }

    static String unsignedJwt(Map<String, String> claims) {
        var encoder = Base64.getUrlEncoder().withoutPadding();
        try {
            return encoder.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + encoder.encodeToString(JSON.std.asBytes(claims)) + ".";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String localToken(String partnerId, String email) throws Exception {
        var answer = page.request().post("/local/tokens", RequestOptions.create()
                .setHeader("Content-Type", "application/json")
                .setData(Map.of("partnerId", partnerId, "email", email)));
        return (String) JSON.std.mapFrom(answer.text()).get("token");
    }

    @Test
    @Order(10)
    void walksATrialFromAddingTheCustomerToItsExpiry() throws Exception {
        signInAsTheDemoPartner();

        // Add a customer, with a validation error first: shown next to its field, which gets the focus.
        button("Add customer").click();
        Locator add = page.locator("#add-dialog");
        add.getByLabel("Organization").fill("Initech");
        add.getByLabel("Notification email").fill("not-an-email");
        add.getByLabel("Standard").check();
        add.getByLabel("Audit").check();
        add.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add customer")).click();
        assertThat(add.locator("[data-error-for=notificationEmail]")).not().isEmpty();
        assertThat(add.getByLabel("Notification email")).hasAttribute("aria-invalid", "true");
        assertThat(add.getByLabel("Notification email")).isFocused();
        assertThat(add.locator("[data-error-for=organizationName]")).isEmpty();
        screenshot("add-customer-error");
        add.getByLabel("Notification email").fill("it@initech.example");
        add.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add customer")).click();
        assertThat(add).isHidden();
        assertThat(tab("Pending customers")).hasAttribute("aria-selected", "true");
        assertThat(page.locator("#status")).containsText("Initech added");

        // Copy its activation link (the first column), and open it as the customer would.
        row("Initech").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy link for Initech"))
                .click();
        assertThat(page.locator("#status")).containsText("Activation link for Initech copied");
        String link = (String) page.evaluate("navigator.clipboard.readText()");
        assertTrue(link.startsWith(runtime.baseUrl() + "/activate?token="), link);
        Page customer = context.newPage();
        customer.navigate(link);
        assertThat(customer.locator("#answer")).containsText("IN_PROGRESS");
        customer.close();

        // The import reports progress with an error: in the pending tab's columns and the event log, marked.
        manage("Initech");
        reportImport("RUNNING", "Halfway there", "SKIPPED", "one mailbox skipped");
        Locator errorLine = dialog().locator(".events-table tr.level-error");
        explainedByTheServer("Initech", () -> {
            assertThat(errorLine).containsText("one mailbox skipped");
            assertThat(errorLine).containsText("Error");
        });
        screenshot("customer-event-log");
        closeDialog();
        assertThat(row("Initech").locator("td[data-label='Import errors']")).hasText("⚠ 1");
        assertThat(row("Initech").locator("td[data-label='Last event']")).hasText("Halfway there");
        assertThat(row("Initech").locator("td[data-label='Activation link']")).hasText("Activated");

        // The import completes: the trial starts and the customer moves to the Customers tab.
        manage("Initech");
        reportImport("COMPLETED", "Done", "", "");
        closeDialog();
        assertThat(row("Initech")).hasCount(0);
        tab("Customers").click();
        assertThat(row("Initech")).containsText("Trial");

        // Extend: the new date first, then Submit applies exactly it.
        manage("Initech");
        Instant end = instantShown(summary("Expiration").locator("time"));
        action("Extend trial");
        Locator newDate = dialog().locator(".new-expiration time");
        assertThat(newDate).hasAttribute("datetime", end.plus(Duration.ofDays(14)).toString());
        screenshot("extend-preview");
        dialog().locator("#action-panel").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Submit")).click();
        assertThat(summary("Expiration").locator("time"))
                .hasAttribute("datetime", end.plus(Duration.ofDays(14)).toString());
        assertThat(summary("Trial extensions")).hasText("1");

        // Turn automatic upgrade off.
        action("Manage subscription upgrade");
        dialog().getByRole(AriaRole.SWITCH).uncheck();
        dialog().locator("#action-panel").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save"))
                .click();
        assertThat(summary("Automatic upgrade")).hasText("Off");
        Instant newEnd = instantShown(summary("Expiration").locator("time"));
        closeDialog();

        // Past the end on the simulated clock, the sweep: first the notice the expiry needs, then the expiry.
        page.getByLabel("Set the time (your zone)").fill(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
                .withZone(VIEWER_ZONE).format(newEnd.plus(Duration.ofMinutes(2))));
        button("Set").click();
        assertThat(page.locator(".clock-value time")).hasAttribute("datetime",
                Pattern.compile("^" + newEnd.plus(Duration.ofMinutes(2)).toString().substring(0, 16)));
        button("Run the sweep now").click();
        assertThat(page.locator(".sweep-result")).containsText("expiries");
        assertThat(row("Initech").locator("td[data-label=Status]")).hasText("Active");
        button("Run the sweep now").click();
        assertThat(row("Initech").locator("td[data-label=Status]")).hasText("Expired");
        assertThat(page.locator(".emails")).containsText("Initech");
        screenshot("expired");

        // Another partner sees none of it.
        BrowserContext other = newContext(1280, 900);
        page = other.newPage();
        page.navigate("/");
        page.getByText("Sign in as another partner (local)").click();
        page.getByLabel("Partner id").fill("globex");
        page.getByLabel("Email (optional)").fill("ops@globex.example");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        assertThat(page.locator(".who")).hasText("ops@globex.example (partner globex)");
        assertThat(page.locator(".customers-table td.empty")).hasText("No onboarded customers yet.");
        tab("Pending customers").click();
        assertThat(page.locator(".customers-table td.empty")).hasText("No customers waiting on onboarding.");
        var list = page.request().get("/customers", RequestOptions.create()
                .setHeader("Authorization", "Bearer " + token()));
        assertEquals(List.of(), JSON.std.mapFrom(list.text()).get("items"));
        other.close();
    }
}
