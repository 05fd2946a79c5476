package org.compliantsms.dispatch.carrier.rate;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * The shared token bucket, one Redis hash per carrier ({@code t}: tokens, {@code ts}: when they were counted, in
 * microseconds of the Redis server's clock, so replicas' clocks do not matter). One call refills it by the time
 * elapsed ({@code rate} a second, up to {@code burst}), then takes up to {@code want} permits: those it holds and,
 * beyond them, permits of the next {@code aheadMicros} (the bucket goes below zero: later callers wait behind).
 * Atomic, as every Lua script in Redis, so replicas never take the same token.
 */
final class TokenBucketScript {
    static final String SCRIPT = """
            local now = redis.call('TIME')
            local nowUs = tonumber(now[1]) * 1000000 + tonumber(now[2])
            local rate = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local want = tonumber(ARGV[3])
            local ahead = tonumber(ARGV[4])
            local state = redis.call('HMGET', KEYS[1], 't', 'ts')
            local tokens = tonumber(state[1])
            local ts = tonumber(state[2])
            if tokens == nil or ts == nil then
              tokens = burst
              ts = nowUs
            elseif nowUs > ts then
              tokens = math.min(burst, tokens + (nowUs - ts) * rate / 1000000)
              ts = nowUs
            end
            local grant = math.floor(tokens + rate * ahead / 1000000)
            if grant > want then grant = want end
            if grant < 0 then grant = 0 end
            redis.call('HSET', KEYS[1], 't', string.format('%.6f', tokens - grant), 'ts', string.format('%d', ts))
            redis.call('PEXPIRE', KEYS[1], math.ceil(ahead / 1000) + 60000)
            return {grant, string.format('%.6f', tokens)}
            """;

    private TokenBucketScript() {
    }

    static Request take(String key, double perSecond, double burst, int want, long aheadMicros) {
        return Request.cmd(Command.EVAL).arg(SCRIPT).arg(1).arg(key).arg(Double.toString(perSecond))
                .arg(Double.toString(burst)).arg(want).arg(aheadMicros);
    }
}
