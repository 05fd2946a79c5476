package org.compliantsms.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker of the test's own (broker and controller, as the local platform's), on free
 * loopback ports, with its own data folder formatted once, so that outage tests stop it and start it again (its data
 * kept, as a restarted broker) without touching the platform's broker. Run as a java process from the platform's own
 * broker jars ({@code deploy/local/kafka/pom.xml}): the classpath {@code platform.sh} resolved
 * ({@code .platform/kafka/classpath.txt}), or else Maven resolves the same pom offline from the local repository.
 * Its topics are those of {@code deploy/local/topics.conf}, created by {@code deploy/local/CreateTopics.java}.
 */
public final class KafkaBrokerProcess implements AutoCloseable {
    private final int port;
    private final int controllerPort;
    private final Path dir;
    private final String classpath;
    private Process process;
    private int starts;

    private KafkaBrokerProcess(int port, int controllerPort, Path dir, String classpath) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dir = dir;
        this.classpath = classpath;
    }

    /** Formats a new data folder, starts the broker, waits until it answers, creates the platform's topics. */
    public static KafkaBrokerProcess start() {
        try {
            int port = ServiceProcess.freePort();
            int controllerPort = ServiceProcess.freePort();
            while (controllerPort == port) {
                controllerPort = ServiceProcess.freePort();
            }
            KafkaBrokerProcess broker = new KafkaBrokerProcess(port, controllerPort,
                    Files.createTempDirectory("test-kafka"), brokerClasspath());
            broker.format();
            broker.startAgain();
            createTopics(broker.bootstrap(), broker.classpath);
            return broker;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a Kafka broker", e);
        }
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Where its data, configuration and logs are (server.log of each start under logs/). */
    public Path dir() {
        return dir;
    }

    /** Starts it (again) on the same ports and the same data: a broker restart. Waits until it serves metadata. */
    public synchronized void startAgain() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is already running on " + port);
        }
        starts++;
        Path logs = dir.resolve("logs");
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + Repository.root().resolve("deploy/local/kafka/log4j2.properties"),
                "-Dkafka.logs.dir=" + logs.resolve("start-" + starts), "-cp", classpath, "kafka.Kafka",
                dir.resolve("server.properties").toString()));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("kafka-" + starts + ".out").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Kafka broker", e);
        }
        awaitServing(Duration.ofSeconds(90));
    }

    /**
     * Stops it with SIGKILL, as a crashed broker or a lost node: no controlled shutdown, nothing handed over,
     * connections reset, open transactions left for the restarted coordinator to resolve, and an unclean log
     * recovery at the next start. A SIGTERM would be the gentler case (a controlled shutdown flushes and closes every
     * log first); the promise of no loss and no duplicate must hold for the harder one.
     */
    public synchronized void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Creates the topics of deploy/local/topics.conf there with the platform script's own program, run on
     * {@code classpath} (one with kafka-clients).
     */
    static void createTopics(String bootstrap, String classpath) {
        try {
            Process process = new ProcessBuilder(javaBin(), "-Xmx128m", "-cp", classpath,
                    Repository.root().resolve("deploy/local/CreateTopics.java").toString(), bootstrap,
                    Repository.topicsConf().toString()).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("CreateTopics failed with exit code " + process.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run CreateTopics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The local platform's broker configuration, on this broker's ports and folder. */
    private void format() throws IOException {
        String platform = Files.readString(Repository.root().resolve("deploy/local/kafka/server.properties"))
                .replace("127.0.0.1:9093", "127.0.0.1:" + controllerPort)
                .replace("127.0.0.1:9092", "127.0.0.1:" + port);
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("server.properties"), platform + "\nlog.dirs=" + data + "\n");
        Process format = new ProcessBuilder(javaBin(), "-Xmx128m",
                "-Dlog4j2.configurationFile=" + Repository.root().resolve("deploy/local/kafka/log4j2.properties"),
                "-Dkafka.logs.dir=" + dir.resolve("logs/format"), "-cp", classpath, "kafka.tools.StorageTool",
                "format", "-t", Uuid.randomUuid().toString(), "-c", dir.resolve("server.properties").toString(),
                "--standalone").redirectErrorStream(true).redirectOutput(dir.resolve("format.out").toFile()).start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting the Kafka storage failed: "
                        + Files.readString(dir.resolve("format.out")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitServing(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!listening()) {
            if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                throw new IllegalStateException("the Kafka broker did not listen on " + port + ": " + tail());
            }
            sleep(100);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                        throw new IllegalStateException("the Kafka broker did not serve metadata: " + tail(), e);
                    }
                }
                sleep(100);
            }
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("kafka-" + starts + ".out"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /**
     * The broker jars of {@code deploy/local/kafka/pom.xml}: platform.sh's resolved classpath when it was resolved
     * from this pom, else Maven's offline resolution of it (the jars already in the local repository, nothing
     * downloaded), kept in target/ for the next start.
     */
    static synchronized String brokerClasspath() {
        Path root = Repository.root();
        Path pom = root.resolve("deploy/local/kafka/pom.xml");
        try {
            String sum = sha1(pom);
            Path platform = root.resolve(".platform/kafka/classpath.txt");
            Path platformStamp = root.resolve(".platform/kafka/classpath.pom.sha");
            if (Files.isRegularFile(platform) && Files.isRegularFile(platformStamp)
                    && Files.readString(platformStamp).strip().equals(sum)) {
                return Files.readString(platform).strip();
            }
            Path own = Path.of("target", "kafka-broker-classpath-" + sum + ".txt").toAbsolutePath();
            if (!Files.isRegularFile(own) || Files.size(own) == 0) {
                Files.createDirectories(own.getParent());
                Process mvn = new ProcessBuilder("mvn", "-B", "-q", "-o", "-f", pom.toString(),
                        "dependency:build-classpath", "-Dmdep.outputFile=" + own).redirectErrorStream(true)
                        .redirectOutput(own.resolveSibling("kafka-broker-classpath.log").toFile()).start();
                if (!mvn.waitFor(120, TimeUnit.SECONDS) || mvn.exitValue() != 0) {
                    throw new IllegalStateException("Maven could not resolve the broker jars offline (run "
                            + "deploy/local/platform.sh up once): see " + own.resolveSibling("kafka-broker-classpath.log"));
                }
            }
            return Files.readString(own).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find the Kafka broker jars", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sha1(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
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
