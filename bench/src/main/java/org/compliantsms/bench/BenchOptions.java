package org.compliantsms.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.compliantsms.events.Category;

/**
 * What one run measures and where the running system is.
 *
 * @param root the repository (for .run/ and .platform/ pid files and bench/results/)
 * @param recordFile the simulator's record of submit_sm (one line per submit)
 * @param webhookSecret the local webhook account's secret, to sign the STOPs (env BENCH_WEBHOOK_SECRET, given by
 *            ./dev from .run/webhook-secret)
 * @param category of every request; MARKETING also grants each recipient consent before the run (all of
 *            compliance's rules then decide: consent, quiet hours, footer)
 */
public record BenchOptions(
        int messages,
        int replicas,
        Duration maxDuration,
        Path root,
        Path recordFile,
        String kafkaBootstrap,
        String redisHost,
        int redisPort,
        String inboundUrl,
        String simulatorUrl,
        String programId,
        String senderId,
        String webhookSecret,
        Category category) {

    public static final int DEFAULT_MESSAGES = 1_000_000;
    public static final int DEFAULT_MAX_SECONDS = 900;

    public static BenchOptions parse(String[] args) {
        int messages = DEFAULT_MESSAGES;
        int replicas = 1;
        int maxSeconds = DEFAULT_MAX_SECONDS;
        Path root = Path.of("").toAbsolutePath();
        Path recordFile = null;
        Category category = Category.TRANSACTIONAL;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--no-build")) {
                continue; // consumed by ./dev
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--messages" -> messages = positive(name, value);
                case "--replicas" -> replicas = positive(name, value);
                case "--max-seconds" -> maxSeconds = positive(name, value);
                case "--root" -> root = Path.of(value).toAbsolutePath();
                case "--record-file" -> recordFile = Path.of(value).toAbsolutePath();
                case "--category" -> category = category(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        RedisAddress redis = RedisAddress.parse(env("QUARKUS_REDIS_HOSTS").orElse("redis://127.0.0.1:6379"));
        return new BenchOptions(messages, replicas, Duration.ofSeconds(maxSeconds), root,
                recordFile != null ? recordFile : root.resolve(".run/simulator-submissions.tsv"),
                env("KAFKA_BOOTSTRAP_SERVERS").orElse("127.0.0.1:9092"), redis.host(), redis.port(),
                "http://localhost:8084", "http://localhost:8085", "acme-promo", "36180",
                env("BENCH_WEBHOOK_SECRET").orElse(""), category);
    }

    public static String usage() {
        return "usage: bench [--messages N] [--replicas 1|2] [--max-seconds S] [--record-file PATH] [--root DIR] "
                + "[--category TRANSACTIONAL|MARKETING]";
    }

    private static int positive(String name, String value) {
        try {
            int parsed = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (parsed <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + value);
        }
    }

    private static Category category(String value) {
        try {
            return Category.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--category is TRANSACTIONAL or MARKETING: " + value);
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }

    record RedisAddress(String host, int port) {
        /** redis://host:port, as QUARKUS_REDIS_HOSTS gives it (the first host when several). */
        static RedisAddress parse(String hosts) {
            String first = hosts.split(",")[0].trim().replaceFirst("^rediss?://", "");
            int at = first.lastIndexOf('@');
            String hostPort = (at >= 0 ? first.substring(at + 1) : first).replaceFirst("/.*$", "");
            int colon = hostPort.lastIndexOf(':');
            return colon < 0 ? new RedisAddress(hostPort, 6379)
                    : new RedisAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        }
    }
}
