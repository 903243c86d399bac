package dev.moduleagent.localhub.internal.telemetry;

import dev.moduleagent.localhub.internal.identity.IdentityKey;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemetry the hub received, per identity, in a bounded ring in memory: the newest {@value #PER_IDENTITY}
 * messages with up to {@value #MAX_PREVIEW} bytes of body each, so a chatty client cannot exhaust memory.
 */
public final class TelemetryLog {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryLog.class);
    public static final int PER_IDENTITY = 200;
    public static final int MAX_PREVIEW = 8 * 1024;

    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<IdentityKey, Deque<TelemetryRecord>> rings = new ConcurrentHashMap<>();

    public TelemetryLog(Clock clock) {
        this.clock = clock;
    }

    public TelemetryRecord record(IdentityKey source, Map<String, String> properties, Map<String, String> systemProperties, byte[] body) {
        byte[] preview = body.length > MAX_PREVIEW ? Arrays.copyOf(body, MAX_PREVIEW) : body;
        TelemetryRecord record = new TelemetryRecord(sequence.incrementAndGet(), source, clock.instant(),
            Map.copyOf(properties), Map.copyOf(systemProperties), preview, body.length);
        Deque<TelemetryRecord> ring = rings.computeIfAbsent(source, k -> new ArrayDeque<>());
        synchronized (ring) {
            ring.addLast(record);
            while (ring.size() > PER_IDENTITY) {
                ring.removeFirst();
            }
        }
        LOG.debug("telemetry received id={} size={} seq={}", source, body.length, record.sequenceNumber());
        return record;
    }

    /** The newest messages of an identity, oldest first, with a sequence number above {@code after}. */
    public List<TelemetryRecord> latest(IdentityKey source, int max, long after) {
        Deque<TelemetryRecord> ring = rings.get(source);
        if (ring == null) {
            return List.of();
        }
        List<TelemetryRecord> all;
        synchronized (ring) {
            all = new ArrayList<>(ring);
        }
        all.removeIf(r -> r.sequenceNumber() <= after);
        return all.subList(Math.max(0, all.size() - max), all.size());
    }

    public void forget(IdentityKey source) {
        rings.remove(source);
    }
}
