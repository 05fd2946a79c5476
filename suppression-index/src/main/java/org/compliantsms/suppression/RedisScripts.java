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

    /** Sets KEYS[2] to ARGV[2] only while KEYS[1] still holds ARGV[1]; 1 when set, else 0. */
    private static final String SET_IF_EQUALS = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[2], ARGV[2])
              return 1
            end
            return 0
            """;

    private RedisScripts() {
    }

    /** Sets {@code key} to {@code value} only while {@code guardKey} still holds {@code guardValue}, atomically. */
    public static Request setIfEquals(String guardKey, String guardValue, String key, String value) {
        return Request.cmd(Command.EVAL).arg(SET_IF_EQUALS).arg(2).arg(guardKey).arg(key).arg(guardValue).arg(value);
    }

    public static Request deleteIfEquals(String key, String value) {
        return Request.cmd(Command.EVAL).arg(DELETE_IF_EQUALS).arg(1).arg(key).arg(value);
    }
}
