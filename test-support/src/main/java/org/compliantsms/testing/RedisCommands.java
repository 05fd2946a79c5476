package org.compliantsms.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One Redis command over a plain socket (RESP), for tests that have no Redis client of their own (system tests
 * that start the services as processes). Answers a simple string, integer or bulk string as text, null for nil.
 */
public final class RedisCommands {
    private RedisCommands() {
    }

    /** @param redisUrl {@code redis://host:port} as {@link Platform#redisHosts()} gives it */
    public static String call(String redisUrl, String... args) {
        Object reply = command(redisUrl, args);
        if (reply instanceof List) {
            throw new IllegalStateException("Redis answered an array to " + args[0] + ": use command()");
        }
        return reply == null ? null : reply.toString();
    }

    /**
     * One command, its reply as Java values: a simple or bulk string as text, an integer as {@link Long}, an array as a
     * {@link List} of those, nil as null; an error reply throws.
     */
    public static Object command(String redisUrl, String... args) {
        return pipeline(redisUrl, List.<String[]>of(args)).get(0);
    }

    /** Many commands in one round trip on one connection; their replies in order, as {@link #command} gives them. */
    public static List<Object> pipeline(String redisUrl, List<String[]> commands) {
        URI uri = URI.create(redisUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379)) {
            socket.setSoTimeout(5000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            for (String[] args : commands) {
                request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                for (String arg : args) {
                    byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                    request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                    request.writeBytes(bytes);
                    request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
                }
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            List<Object> replies = new ArrayList<>(commands.size());
            for (String[] args : commands) {
                replies.add(reply(in, args[0]));
            }
            return replies;
        } catch (IOException e) {
            throw new IllegalStateException("Redis at " + redisUrl + " did not answer " + commands.get(0)[0], e);
        }
    }

    /** Every key matching the glob {@code pattern}, by SCAN (never KEYS), sorted. */
    public static List<String> scan(String redisUrl, String pattern) {
        TreeSet<String> keys = new TreeSet<>();
        String cursor = "0";
        do {
            List<?> reply = (List<?>) command(redisUrl, "SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            cursor = (String) reply.get(0);
            ((List<?>) reply.get(1)).forEach(key -> keys.add((String) key));
        } while (!"0".equals(cursor));
        return new ArrayList<>(keys);
    }

    /** The fields of a hash, sorted by field. */
    public static Map<String, String> hgetall(String redisUrl, String key) {
        return pairs((List<?>) command(redisUrl, "HGETALL", key));
    }

    /**
     * What Redis holds under the keys matching {@code pattern}, key by key (sorted): a string as its text, a hash as
     * its fields, a set or a list as its members, a sorted set as member to score. For comparing an index before and
     * after a rebuild field by field.
     */
    public static Map<String, Object> snapshot(String redisUrl, String pattern) {
        Map<String, Object> state = new TreeMap<>();
        List<String> keys = scan(redisUrl, pattern);
        for (int from = 0; from < keys.size(); from += PIPELINE) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + PIPELINE));
            List<Object> types = pipeline(redisUrl, chunk.stream().map(k -> new String[] { "TYPE", k }).toList());
            List<String[]> reads = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                reads.add(read(chunk.get(i), (String) types.get(i)));
            }
            List<Object> values = pipeline(redisUrl, reads);
            for (int i = 0; i < chunk.size(); i++) {
                String type = (String) types.get(i);
                Object value = values.get(i);
                switch (type) {
                    case "string", "list" -> state.put(chunk.get(i), value);
                    case "hash", "zset" -> state.put(chunk.get(i), pairs((List<?>) value));
                    case "set" -> state.put(chunk.get(i), new TreeSet<>((List<?>) value));
                    case "none" -> {
                        // gone between SCAN and TYPE (expired)
                    }
                    default -> state.put(chunk.get(i), "<" + type + ">");
                }
            }
        }
        return state;
    }

    private static final int PIPELINE = 1000;

    /** The command that reads a key of that type whole. */
    private static String[] read(String key, String type) {
        switch (type) {
            case "string":
                return new String[] { "GET", key };
            case "hash":
                return new String[] { "HGETALL", key };
            case "set":
                return new String[] { "SMEMBERS", key };
            case "list":
                return new String[] { "LRANGE", key, "0", "-1" };
            case "zset":
                return new String[] { "ZRANGE", key, "0", "-1", "WITHSCORES" };
            default:
                return new String[] { "TYPE", key };
        }
    }

    /** A flat reply of field, value, field, value... (HGETALL, ZRANGE WITHSCORES) as a sorted map. */
    private static Map<String, String> pairs(List<?> reply) {
        Map<String, String> fields = new TreeMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            fields.put((String) reply.get(i), (String) reply.get(i + 1));
        }
        return fields;
    }

    private static Object reply(InputStream in, String command) throws IOException {
        String line = line(in);
        switch (line.charAt(0)) {
            case '+':
                return line.substring(1);
            case ':':
                return Long.parseLong(line.substring(1));
            case '$': {
                int length = Integer.parseInt(line.substring(1));
                return length < 0 ? null : new String(in.readNBytes(length + 2), 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line.substring(1));
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(reply(in, command));
                }
                return items;
            }
            default:
                throw new IllegalStateException("Redis answered " + line + " to " + command);
        }
    }

    /** The server's run_id (INFO server): what the indexes' completeness markers hold. */
    public static String runId(String redisUrl) {
        for (String line : call(redisUrl, "INFO", "server").split("\r\n")) {
            if (line.startsWith("run_id:")) {
                return line.substring("run_id:".length());
            }
        }
        throw new IllegalStateException("Redis at " + redisUrl + " gave no run_id");
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
