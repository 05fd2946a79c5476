package org.compliantsms.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A packaged service run as a real process, as in production: started, awaited until ready, stopped. */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int httpPort;
    private final Path log;
    private final Restart restart;

    /** What it takes to start the same service again. */
    private record Restart(Map<String, String> properties, Map<String, String> env, Path logDir, int generation) {
    }

    private ServiceProcess(String name, Process process, int httpPort, Path log, Restart restart) {
        this.name = name;
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
        this.restart = restart;
    }

    /**
     * Starts {@code module}'s quarkus-run.jar with a small heap.
     *
     * @param properties system properties (-D) for the service, e.g. its ports
     * @param env extra environment variables
     */
    public static ServiceProcess start(String module, int httpPort, Map<String, String> properties,
            Map<String, String> env, Path logDir) {
        return start(module, httpPort, new Restart(properties, env, logDir, 0));
    }

    private static ServiceProcess start(String module, int httpPort, Restart restart) {
        Map<String, String> properties = restart.properties();
        Map<String, String> env = restart.env();
        Path logDir = restart.logDir();
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx160m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dquarkus.http.port=" + httpPort));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(Repository.quarkusApp(module).toString());
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(module + (restart.generation() == 0 ? "" : "-" + restart.generation()) + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            return new ServiceProcess(module, builder.start(), httpPort, log, restart);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + module, e);
        }
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    /** Waits until /q/health/ready answers 200; fails with the end of the service's log otherwise. */
    public ServiceProcess awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + tail());
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGKILL, as a crashed or OOM-killed pod: no shutdown hook runs, nothing is flushed or committed. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The same service started again (after {@link #kill} or {@link #close}), on the same port, its own log. */
    public ServiceProcess restarted() {
        return start(name, httpPort, new Restart(restart.properties(), restart.env(), restart.logDir(),
                restart.generation() + 1));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
