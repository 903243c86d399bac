package dev.moduleagent.agent.internal.dispatch;

import dev.moduleagent.api.ComponentHandler;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plug-ins registered for one component; the one with the highest service ranking (then the oldest) serves it,
 * the others wait as stand-ins.
 */
final class HandlerChoice {

    private static final Comparator<HandlerInfo> ORDER = Comparator.comparingInt(HandlerInfo::ranking).reversed()
            .thenComparingLong(HandlerInfo::serviceId);

    private final Map<HandlerInfo, ComponentHandler> handlers = new TreeMap<>(ORDER);

    void add(HandlerInfo info, ComponentHandler handler) {
        handlers.put(info, handler);
    }

    boolean remove(long serviceId) {
        return handlers.keySet().removeIf(info -> info.serviceId() == serviceId);
    }

    /** @return the serving plug-in's description, or {@code null} */
    HandlerInfo currentInfo() {
        return handlers.isEmpty() ? null : handlers.keySet().iterator().next();
    }

    /** @return the serving plug-in, or {@code null} */
    ComponentHandler current() {
        return handlers.isEmpty() ? null : handlers.values().iterator().next();
    }

    int size() {
        return handlers.size();
    }
}
