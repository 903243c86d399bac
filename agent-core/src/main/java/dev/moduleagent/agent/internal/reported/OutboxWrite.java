package dev.moduleagent.agent.internal.reported;

import dev.moduleagent.agent.internal.dispatch.AppliedRecord;
import java.util.Map;
import java.util.Objects;

/**
 * One durable step of the reported side: the patches queued or changed (sequence → JSON text), the agent's own view
 * of the sections they touch (component → JSON text of the whole section), and, when the step acknowledges a final
 * outcome, the applied record of that component. All of it is committed together, so that a stop can never leave an
 * acknowledgement without its record (the section would be applied again) or a record without its acknowledgement.
 *
 * @param patches sequence → patch JSON
 * @param sections component → JSON of the agent's whole reported section after the step
 * @param component the component whose outcome is recorded, or {@code null}
 * @param applied the record to keep for it, or {@code null}
 */
public record OutboxWrite(Map<Long, String> patches, Map<String, String> sections, String component,
                          AppliedRecord applied) {

    /** Copies the maps and checks that a record comes with its component. */
    public OutboxWrite {
        patches = Map.copyOf(patches);
        sections = Map.copyOf(sections);
        if ((component == null) != (applied == null)) {
            throw new IllegalArgumentException("an applied record needs its component and vice versa");
        }
    }

    /**
     * @param patches sequence → patch JSON
     * @return a step that only queues patches
     */
    public static OutboxWrite patches(Map<Long, String> patches) {
        return new OutboxWrite(patches, Map.of(), null, null);
    }

    /** @return whether the step records an applied outcome */
    public boolean recordsApplied() {
        return applied != null;
    }

    @Override
    public String toString() {
        return "OutboxWrite[" + patches.size() + " patch(es), sections " + sections.keySet()
                + (applied == null ? "" : ", applied " + component + "=" + Objects.toString(applied)) + "]";
    }
}
