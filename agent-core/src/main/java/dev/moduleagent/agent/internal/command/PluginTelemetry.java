package dev.moduleagent.agent.internal.command;

import dev.moduleagent.api.Telemetry;
import dev.moduleagent.twin.TwinRules;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/** The {@link Telemetry} service: checks a plug-in's message and hands it to the hub session (best effort). */
public final class PluginTelemetry implements Telemetry {

    private final BiPredicate<String, String> sender;

    /** @param sender sends (component, JSON body) when connected and says whether it did */
    public PluginTelemetry(BiPredicate<String, String> sender) {
        this.sender = sender;
    }

    @Override
    public boolean send(String component, Map<String, ?> body) {
        TwinRules.checkKey(Objects.requireNonNull(component, "component"), "component name");
        if (AgentCommands.COMPONENT.equals(component)) {
            throw new IllegalArgumentException("component 'agent' belongs to the agent");
        }
        String json = CommandPayloads.writeUnbounded(Objects.requireNonNull(body, "body"));
        int size = json.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("telemetry body has " + size + " bytes, more than " + MAX_BODY_BYTES);
        }
        return sender.test(component, json);
    }
}
