package dev.moduleagent.agent.internal.reported;

import dev.moduleagent.twin.Json;
import dev.moduleagent.twin.MergePatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the outbox sends for its oldest entry once the hub refused it for good (400, or 413 when the reported document
 * would exceed 32 KB): the entry is split in halves between its properties, and the halves are sent in order, split
 * again while refused. A single property that is still refused is dropped with an ERROR if it is informational, but
 * an acknowledgement ({@code {"value", "ac", "av", "ad"}}) refused as too large is kept and retried with back-off:
 * acks are never dropped. The entry itself leaves the durable outbox only when all its parts are done, so after a
 * restart it is sent (and split) again; sending a part twice leaves the same reported properties.
 */
final class RefusedPatches {

    /** What the sender does after a refusal. */
    enum Next { SEND_NOW, RETRY_LATER }

    private static final Logger LOG = LoggerFactory.getLogger(RefusedPatches.class);

    private long sequence = -1;
    private Deque<Map<String, Object>> parts = new ArrayDeque<>();

    /** @return what to send now for the entry: its next part when it was split, else the whole patch */
    Map<String, Object> current(OutboxEntry entry) {
        if (entry.sequence() != sequence) {
            sequence = entry.sequence();
            parts = new ArrayDeque<>();
            parts.add(Json.readObject(entry.json()));
        }
        return parts.peekFirst();
    }

    /** The current part was confirmed. @return whether the entry is done */
    boolean confirmed() {
        parts.pollFirst();
        return parts.isEmpty();
    }

    /**
     * The hub refused the current part for good.
     *
     * @param failure why
     * @return what to do next
     */
    Next refused(ReportFailure failure) {
        Map<String, Object> refused = parts.pollFirst();
        List<Map<String, Object>> units = units(refused);
        if (units.size() > 1) {
            int half = units.size() / 2;
            parts.addFirst(join(units.subList(half, units.size())));
            parts.addFirst(join(units.subList(0, half)));
            LOG.warn("reported patch refused sequence={} reason=\"{}\" action=send-in-two-parts", sequence,
                    failure.getMessage());
            return Next.SEND_NOW;
        }
        if (failure.tooLarge() && isAck(refused)) {
            parts.addFirst(refused);
            LOG.error("reported acknowledgement does not fit sequence={} ack=\"{}\" reason=\"{}\" action=keep-and-retry"
                    + " fix=\"free room in the reported properties\"", sequence, describe(refused), failure.getMessage());
            return Next.RETRY_LATER;
        }
        LOG.error("reported patch dropped, refused by the hub sequence={} part=\"{}\" reason=\"{}\"", sequence,
                describe(refused), failure.getMessage());
        return Next.SEND_NOW;
    }

    /** @return whether nothing is left of the entry */
    boolean done() {
        return parts.isEmpty();
    }

    /** One unit per component property ({@code {component: {"__t": "c", property: value}}}) or per other top key. */
    static List<Map<String, Object>> units(Map<String, Object> patch) {
        List<Map<String, Object>> units = new ArrayList<>();
        patch.forEach((key, value) -> {
            if (value instanceof Map<?, ?> section && section.size() > 1) {
                Object marker = section.get(ReportedAggregator.MARKER_KEY);
                section.forEach((property, item) -> {
                    if (!ReportedAggregator.MARKER_KEY.equals(property)) {
                        Map<String, Object> one = new LinkedHashMap<>();
                        if (marker != null) {
                            one.put(ReportedAggregator.MARKER_KEY, marker);
                        }
                        one.put((String) property, item);
                        units.add(single(key, one));
                    }
                });
            } else {
                units.add(single(key, value));
            }
        });
        return units;
    }

    private static Map<String, Object> join(List<Map<String, Object>> units) {
        Map<String, Object> patch = new LinkedHashMap<>();
        for (Map<String, Object> unit : units) {
            if (MergePatch.composable(patch, unit)) {
                MergePatch.compose(patch, unit);
            }
        }
        return patch;
    }

    private static boolean isAck(Map<String, Object> unit) {
        return unit.values().stream().anyMatch(section -> section instanceof Map<?, ?> properties
                && properties.values().stream().anyMatch(value -> value instanceof Map<?, ?> ack
                        && ack.containsKey("ac") && ack.containsKey("av")));
    }

    private static String describe(Map<String, Object> unit) {
        String text = Json.write(unit);
        return text.length() <= 120 ? text : text.substring(0, 119) + "…";
    }

    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put(key, value);
        return unit;
    }
}
