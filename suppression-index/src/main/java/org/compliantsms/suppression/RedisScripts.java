package org.compliantsms.suppression;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/** Small atomic Redis operations shared by the index's users. */
public final class RedisScripts {
    /** Deletes the key only while it still holds the caller's value (a lock or a claim it owns). */
    private static final String DELETE_IF_EQUALS = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private RedisScripts() {
    }

    public static Request deleteIfEquals(String key, String value) {
        return Request.cmd(Command.EVAL).arg(DELETE_IF_EQUALS).arg(1).arg(key).arg(value);
    }
}
