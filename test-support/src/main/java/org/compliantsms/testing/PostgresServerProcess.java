package org.compliantsms.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL of the test's own ({@code initdb} into a temporary folder, {@code pg_ctl start} on a free loopback
 * port), with the platform's role {@code sms}/{@code sms} and its databases {@code sms_campaign},
 * {@code sms_compliance}, {@code sms_dispatch}, so that outage tests stop it and start it again without touching
 * the machine's. {@link #stop()} then {@link #startAgain()} is a database restart: the data stays.
 * <p>
 * The binaries are PostgreSQL 15's of Debian ({@code /usr/lib/postgresql/15/bin}, or {@code -Dtest.postgres.bin}).
 * initdb refuses to run as root: as root they run as the {@code postgres} OS user ({@code runuser}), in a folder it
 * owns. Small and unsafe settings for a test (32 MB of shared buffers, no fsync).
 */
public final class PostgresServerProcess implements AutoCloseable {
    private static final Path BIN = Path.of(System.getProperty("test.postgres.bin", "/usr/lib/postgresql/15/bin"));
    private static final String OS_USER = "postgres";
    public static final List<String> DATABASES = List.of("sms_campaign", "sms_compliance", "sms_dispatch");

    private final int port;
    private final Path dir;
    private final Path data;
    private boolean running;

    private PostgresServerProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
        this.data = dir.resolve("data");
    }

    /** initdb, start, then the role and the databases the services migrate into. */
    public static PostgresServerProcess start() {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException("PostgreSQL is not installed in " + BIN
                    + " (apt-get install postgresql-15, or -Dtest.postgres.bin=<its bin folder>)");
        }
        PostgresServerProcess pg;
        try {
            Path dir = Files.createTempDirectory("test-postgres");
            if (asRoot()) {
                UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(dir, users.lookupPrincipalByName(OS_USER));
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            pg = new PostgresServerProcess(ServiceProcess.freePort(), dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare PostgreSQL's folder", e);
        }
        pg.run("initdb", List.of(BIN.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", OS_USER,
                "-E", "UTF8", "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"));
        pg.startAgain();
        pg.psql("postgres", "CREATE ROLE " + Platform.PG_USER + " LOGIN PASSWORD '" + Platform.PG_PASSWORD + "'");
        for (String database : DATABASES) {
            pg.psql("postgres", "CREATE DATABASE " + database + " OWNER " + Platform.PG_USER);
        }
        return pg;
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}, as {@link Platform.Addresses#postgresHostPort()}. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + hostPort() + "/" + database;
    }

    /** Starts it (again) on the same port with the same data: what was committed before {@link #stop()} is there. */
    public synchronized void startAgain() {
        if (running) {
            throw new IllegalStateException("PostgreSQL is already running on " + port);
        }
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c shared_buffers=32MB"
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100";
        run("pg_ctl start", List.of(BIN.resolve("pg_ctl").toString(), "start", "-w", "-t", "60", "-D",
                data.toString(), "-l", dir.resolve("postgres.log").toString(), "-o", options));
        running = true;
    }

    /**
     * Stops it as a database restart would ({@code pg_ctl stop -m fast}): the clients' connections are closed,
     * open transactions roll back, the data stays. The port refuses connections until {@link #startAgain()}.
     */
    public synchronized void stop() {
        if (running) {
            run("pg_ctl stop", List.of(BIN.resolve("pg_ctl").toString(), "stop", "-w", "-t", "60", "-m", "fast",
                    "-D", data.toString()));
            running = false;
        }
    }

    public synchronized boolean running() {
        return running;
    }

    /** Runs one SQL statement as the superuser over the server's socket; returns what psql printed (unaligned). */
    public String psql(String database, String sql) {
        return run("psql", List.of(BIN.resolve("psql").toString(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-h", dir.toString(), "-p", Integer.toString(port), "-U", OS_USER, "-d", database, "-c", sql));
    }

    /** The end of the server's log (why it did not start, what it said about the clients). */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("postgres.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops it and deletes its data. */
    @Override
    public void close() {
        try {
            stop();
        } catch (RuntimeException e) {
            System.err.println("[postgres] " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: left behind at worst
        }
    }

    private String run(String what, List<String> command) {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("pg-command", ".out");
            try {
                // Output to a file, not a pipe: pg_ctl's server inherits no pipe that would keep this call waiting.
                Process process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(90, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(what + " did not finish in 90 s");
                }
                String printed = Files.readString(output);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(what + " failed (" + process.exitValue() + "): " + printed
                            + "\n" + logTail());
                }
                return printed.strip();
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
