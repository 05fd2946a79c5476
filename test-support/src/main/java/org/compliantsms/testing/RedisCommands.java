package org.compliantsms.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One Redis command over a plain socket (RESP), for tests that have no Redis client of their own (system tests
 * that start the services as processes). Answers a simple string, integer or bulk string as text, null for nil.
 */
public final class RedisCommands {
    private RedisCommands() {
    }

    /** @param redisUrl {@code redis://host:port} as {@link Platform#redisHosts()} gives it */
    public static String call(String redisUrl, String... args) {
        URI uri = URI.create(redisUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
                        .append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String line = line(in);
            switch (line.charAt(0)) {
                case '+':
                case ':':
                    return line.substring(1);
                case '$':
                    int length = Integer.parseInt(line.substring(1));
                    return length < 0 ? null : new String(in.readNBytes(length + 2), 0, length, StandardCharsets.UTF_8);
                default:
                    throw new IllegalStateException("Redis answered " + line + " to " + args[0]);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Redis at " + redisUrl + " did not answer " + args[0], e);
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
