package org.compliantsms.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The console in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core, src/test/browser):
 * sign in, a refused number reported by line, a campaign created whose progress reaches SUBMITTED through the real
 * compliance, dispatch and carrier simulator, the list, 403 on the lookup page without a compliance role, and the
 * lookup as a compliance officer. Screenshots go to target/screenshots; {@code -Dscreenshots.update=true}
 * writes them to docs/console/ instead (the committed ones the README links).
 */
// Not yet in the default build: the walk-through has not passed end to end (docs/console.md, "Status"); run it
// with CONSOLE_BROWSER_TEST=1.
@EnabledIfEnvironmentVariable(named = "CONSOLE_BROWSER_TEST", matches = "1")
@QuarkusTest
@QuarkusTestResource(value = ConsoleServices.class, restrictToAnnotatedClass = true)
class ConsoleBrowserIT {
    static final String PROGRAM = "acme-promo";
    static final String SENDER = "36180";
    private static final Path BROWSER_TEST = Path.of("src", "test", "browser");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TestHTTPResource("/")
    URL console;

    @Test
    void aPersonSignsInSendsACampaignAndWatchesItProgress() throws Exception {
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
        List<String> numbers = List.of(TestNumbers.frenchMobile(), TestNumbers.frenchMobile());
        Map<String, String> env = Map.of("CONSOLE_URL", console.toString(),
                "SENDER_TOKEN", TestTokens.token("campaign-sender", PROGRAM), "PROGRAM", PROGRAM, "SENDER", SENDER,
                "NUMBERS", String.join(",", numbers), "BAD_NUMBER", "+33 12",
                "SCREENSHOTS", screenshots.toString(), "PROGRESS_TIMEOUT_MS", "150000");
        Path log = logs.resolve("walkthrough.log");
        int exit = run(List.of("node", "console-walkthrough.mjs"), env, log, 420);
        String output = Files.readString(log);
        System.out.println(output);
        assertEquals(0, exit, "the browser walk-through failed:\n" + output);
        assertTrue(output.contains("9 passed, 0 failed"), output);
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
