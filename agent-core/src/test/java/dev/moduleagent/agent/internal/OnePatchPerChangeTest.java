package dev.moduleagent.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.agent.internal.testing.Await;
import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A desired change is answered with one reported patch: its arrival ({@code agent.lastDesiredReceived}), what the
 * plug-in reports while applying it, its acknowledgement and the inventory's new state leave together.
 */
class OnePatchPerChangeTest extends AgentTestSupport {

    private static final int CHANGES = 10;

    @Test
    void eachDesiredChangeIsAnsweredWithExactlyOneReportedPatch() throws Exception {
        hub.setDesired(Map.of("firmware", Map.of("version", "0")), 1);
        agent = start();
        agent.addHandler(new HandlerInfo("firmware", "fw", "1", 1, 0), new Reporting());
        Await.until("start-up settled", () -> applied(1));

        for (int i = 1; i <= CHANGES; i++) {
            int before = hub.reported().size();
            long version = hub.patchDesired("firmware", Map.of("version", Integer.toString(i)));
            Await.until("change " + version + " answered", () -> settled(version));
            assertEquals(1, hub.reported().size() - before, "patches for $version " + version + ": "
                    + hub.reported().subList(before, hub.reported().size()));
        }
    }

    @Test
    void aChangeNoPlugInHandlesStillReportsItsArrivalInOnePatch() throws Exception {
        agent = start();
        Await.until("connected", () -> twin().get("agent") instanceof Map<?, ?> section
                && section.get("connection") instanceof Map<?, ?> c && "CONNECTED".equals(c.get("state")));
        int before = hub.reported().size();

        long version = hub.patchDesired("unknown", Map.of("x", 1));

        Await.until("arrival reported", () -> received() == version
                && inventoryState("unknown").equals("waiting-for-plugin"));
        assertEquals(1, hub.reported().size() - before, hub.reported().subList(before, hub.reported().size())
                .toString());
    }

    /** Everything about the version reached the hub: ack, arrival, inventory outcome and idle state. */
    private boolean settled(long version) {
        return received() == version && applied(version);
    }

    private boolean applied(long version) {
        return ackVersion("firmware", "version", 200) == version && inventoryState("firmware").equals("idle")
                && hub.reportedValues("firmware", "progressNote").contains("applying v" + version);
    }

    private long received() {
        return twin().get("agent") instanceof Map<?, ?> section
                && section.get("lastDesiredReceived") instanceof Map<?, ?> received
                && received.get("version") instanceof Long version ? version : -1;
    }

    private String inventoryState(String component) {
        return twin().get("agent") instanceof Map<?, ?> section && section.get("plugins") instanceof Map<?, ?> plugins
                && plugins.get(component) instanceof Map<?, ?> entry && entry.get("state") instanceof String state
                ? state : "";
    }

    /** A plug-in that reports a read-only property while it applies, then succeeds. */
    private final class Reporting implements ComponentHandler {
        @Override
        public Outcome apply(DesiredSection section, ApplyContext context) {
            agent.reported().report("firmware", Map.of("progressNote", "applying v" + section.version()));
            return Outcome.done("done v" + section.version());
        }
    }
}
