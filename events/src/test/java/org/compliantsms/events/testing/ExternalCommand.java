package org.compliantsms.events.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tool of the machine (node, npm, kubectl) from a test, for the checks that are done by another
 * ecosystem's validator: its exit code and its output (stdout and stderr together). Shared through the events
 * test-jar by the events contract checks and deploy/k8s/check.
 */
public final class ExternalCommand {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    public record Result(int exit, String output) {
    }

    private ExternalCommand() {
    }

    /** Runs the command in {@code directory}; fails (AssertionError) if it does not finish in two minutes. */
    public static Result run(Path directory, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + TIMEOUT.toSeconds() + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command + " in " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** Runs the command and writes its output to {@code log}; fails with the output unless it exits 0. */
    public static Result require(Path directory, Path log, List<String> command) {
        Result result = run(directory, command);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, result.output());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + log, e);
        }
        if (result.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + result.output());
        }
        return result;
    }

    /**
     * Installs a Node project's locked dependencies (npm ci) unless they are there: CI's first run fetches them
     * from the npm registry, later runs are offline.
     */
    public static void installNodeModules(Path project, Path log) {
        if (!Files.isDirectory(project.resolve("node_modules"))) {
            require(project, log, List.of("npm", "ci", "--no-audit", "--no-fund"));
        }
    }
}
