package dev.moduleagent.agent.internal.dispatch;

import java.util.Optional;
import java.util.Set;

/** Durable memory of the last handled section per component, so that a restart does not re-apply unchanged ones. */
public interface AppliedLedger {

    /**
     * @param component the component name
     * @return the last record, if any
     */
    Optional<AppliedRecord> applied(String component);

    /** @return the components that have a record */
    Set<String> appliedComponents();

    /**
     * Stores the record durably before returning.
     *
     * @param component the component name
     * @param record what was acknowledged
     */
    void recordApplied(String component, AppliedRecord record);

    /**
     * Forgets a component (its section was removed from the desired properties).
     *
     * @param component the component name
     */
    void forgetApplied(String component);
}
