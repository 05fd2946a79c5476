package org.compliantsms.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class RedisClientTest {
    private static InputStream replies(String resp) {
        return new ByteArrayInputStream(resp.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryKindOfReply() throws IOException {
        InputStream in = replies("+OK\r\n:1\r\n$14\r\n1:1764:bench-x\r\n$-1\r\n*2\r\n$1\r\na\r\n:0\r\n-ERR wrong\r\n");
        assertEquals("OK", RedisClient.read(in));
        assertEquals(1L, RedisClient.read(in));
        assertEquals("1:1764:bench-x", RedisClient.read(in));
        assertNull(RedisClient.read(in));
        assertEquals(Arrays.asList("a", 0L), RedisClient.read(in));
        assertInstanceOf(RedisClient.RedisError.class, RedisClient.read(in));
    }

    @Test
    void bulkRepliesAreUtf8() throws IOException {
        byte[] value = "Ж".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("Ж"), List.of(RedisClient.read(replies("$" + value.length + "\r\nЖ\r\n"))));
    }
}
