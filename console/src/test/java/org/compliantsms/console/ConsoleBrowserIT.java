package org.compliantsms.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.compliantsms.testing.RunningSystem;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The console in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core, src/test/browser), on the
 * real services: sign in, a CSV audience with a bad row reported by its line, the preview's encodings and parts,
 * the campaign sent and its progress reaching SUBMITTED, a recipient's STOP through the carrier simulator, the
 * lookup showing the opt-out with its evidence and the confirmation, and the 403 page for a role without access.
 * Screenshots go to target/screenshots; {@code -Dscreenshots.update=true} writes them to docs/console/ instead (the
 * committed ones the README links).
 */
@QuarkusTest
@QuarkusTestResource(value = ConsoleServices.class, restrictToAnnotatedClass = true)
class ConsoleBrowserIT {
    static final String PROGRAM = RunningSystem.PROGRAM;
    static final String SHORT_CODE = RunningSystem.SHORT_CODE;
    private static final Path BROWSER_TEST = Path.of("src", "test", "browser");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** The walk-through's steps, each printed "ok" or "FAIL" by the script. */
    private static final int STEPS = 18;

    @TestHTTPResource("/")
    URL console;

    @Test
    void aPersonSendsACampaignFromACsvAndAnswersWhyForARecipientWhoRepliedStop() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is needed at " + CHROMIUM
                + ": apt-get install -y chromium (./dev test installs it when it runs as root)");
        Path logs = Path.of("target", "browser");
        Files.createDirectories(logs);
        if (!Files.isDirectory(BROWSER_TEST.resolve("node_modules/playwright-core"))) {
            assertEquals(0, run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), logs.resolve("npm.log"),
                    300), "npm ci failed: see target/browser/npm.log");
        }
        Path screenshots = Boolean.getBoolean("screenshots.update")
                ? Path.of("..", "docs", "console").toAbsolutePath().normalize()
                : Path.of("target", "screenshots").toAbsolutePath();
        // Fresh numbers (never the bench's +3361...), each with a consent record: the campaign is MARKETING to France.
        List<String> numbers = List.of(TestNumbers.frenchMobile(), TestNumbers.frenchMobile(),
                TestNumbers.frenchMobile());
        defineProgram();
        numbers.forEach(ConsoleBrowserIT::grantConsent);
        // A program of this run's own for the admin to edit (an alphanumeric sender may be shared), deleted after it.
        String editable = "console-edit-" + UUID.randomUUID().toString().substring(0, 8);
        admin().contentType(ContentType.JSON).body("{\"category\":\"TRANSACTIONAL\",\"senders\":[{\"type\":"
                + "\"ALPHANUMERIC\",\"value\":\"CONSOLE\"}],\"helpText\":\"Old help\"}").put("/programs/" + editable)
                .then().statusCode(200);
        Map<String, String> env = Map.ofEntries(Map.entry("CONSOLE_URL", console.toString()),
                Map.entry("SENDER_TOKEN", TestTokens.token("campaign-sender", PROGRAM)),
                Map.entry("PROGRAM", PROGRAM), Map.entry("SENDER", SHORT_CODE),
                Map.entry("EDIT_PROGRAM", editable),
                Map.entry("NUMBERS", String.join(",", numbers)), Map.entry("BAD_NUMBER", "+33 12"),
                Map.entry("SIMULATOR_URL", ConsoleServices.system.simulator.baseUrl()),
                Map.entry("SCREENSHOTS", screenshots.toString()), Map.entry("PROGRESS_TIMEOUT_MS", "90000"));
        Path log = logs.resolve("walkthrough.log");
        int exit;
        try {
            exit = run(List.of("node", "console-walkthrough.mjs"), env, log, 300);
        } finally {
            admin().delete("/programs/" + editable);
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertEquals(0, exit, "the browser walk-through failed:\n" + output);
        assertTrue(output.contains(STEPS + " passed, 0 failed"), output);
    }

    private static RequestSpecification admin() {
        return given().baseUri(ConsoleServices.system.campaign.baseUrl()).auth().oauth2(TestTokens.token("admin"));
    }

    /** The program as an admin defines it: its short code, help and footer texts (a new version each run). */
    private static void defineProgram() {
        given().baseUri(ConsoleServices.system.campaign.baseUrl()).auth().oauth2(TestTokens.token("admin"))
                .contentType(ContentType.JSON)
                .body("{\"category\":\"MARKETING\",\"senders\":[{\"type\":\"SHORT_CODE\",\"value\":\"" + SHORT_CODE
                        + "\"}],\"helpText\":\"ACME: 2 SMS a month. STOP to opt out.\","
                        + "\"footerTexts\":{\"fr\":\"STOP au {sender}\",\"en\":\"Reply STOP to opt out\"},"
                        + "\"defaultLocale\":\"fr\"}")
                .put("/programs/" + PROGRAM).then().statusCode(200);
    }

    /** The recipient's marketing consent, recorded as the program's web form would (compliance's consent API). */
    private static void grantConsent(String recipient) {
        given().baseUri(ConsoleServices.system.compliance.baseUrl())
                .auth().oauth2(TestTokens.token("compliance-officer")).contentType(ContentType.JSON)
                .body("{\"recipient\":\"" + recipient + "\",\"programId\":\"" + PROGRAM + "\",\"source\":\"WEB_FORM\","
                        + "\"shownText\":\"Yes, send me ACME offers by SMS\",\"channel\":\"web\"}")
                .post("/consents").then().statusCode(201);
    }

    private static int run(List<String> command, Map<String, String> env, Path log, int seconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(BROWSER_TEST.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toAbsolutePath().toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not finish in " + seconds + " s:\n" + Files.readString(log));
        }
        return process.exitValue();
    }
}
