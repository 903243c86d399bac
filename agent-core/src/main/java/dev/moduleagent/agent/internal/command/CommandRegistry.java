package dev.moduleagent.agent.internal.command;

import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.api.CommandHandler;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The command handlers by component (whiteboard): the one with the highest service ranking, then the oldest service,
 * answers; the others take over when it leaves. Thread-safe.
 */
public final class CommandRegistry {

    private static final Comparator<HandlerInfo> ORDER = Comparator.comparingInt(HandlerInfo::ranking).reversed()
            .thenComparingLong(HandlerInfo::serviceId);

    private final Map<String, TreeMap<HandlerInfo, CommandHandler>> byComponent = new HashMap<>();

    /**
     * @param info who provides it, for which component
     * @param handler the handler
     */
    public synchronized void add(HandlerInfo info, CommandHandler handler) {
        byComponent.computeIfAbsent(info.component(), name -> new TreeMap<>(ORDER)).put(info, handler);
    }

    /** @param serviceId the service id of a handler that went away */
    public synchronized void remove(long serviceId) {
        byComponent.values().forEach(handlers -> handlers.keySet().removeIf(info -> info.serviceId() == serviceId));
        byComponent.values().removeIf(Map::isEmpty);
    }

    /**
     * @param component a component name
     * @return the handler that answers it, or {@code null}
     */
    public synchronized CommandHandler find(String component) {
        TreeMap<HandlerInfo, CommandHandler> handlers = byComponent.get(component);
        return handlers == null || handlers.isEmpty() ? null : handlers.firstEntry().getValue();
    }
}
