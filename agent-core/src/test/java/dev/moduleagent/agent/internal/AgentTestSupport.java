package dev.moduleagent.agent.internal;

import dev.moduleagent.agent.internal.testing.FakeHub;
import dev.moduleagent.agent.internal.testing.TestAgents;
import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A real {@link Agent} against a {@link FakeHub}, closed after each test, and the reported document the hub holds. */
abstract class AgentTestSupport {

    @TempDir
    Path dataDir;
    final FakeHub hub = new FakeHub();
    Agent agent;

    @AfterEach
    void stopAgent() {
        if (agent != null) {
            agent.close();
        }
    }

    Agent start() throws StartupException {
        return TestAgents.start(hub, dataDir);
    }

    /** @return the reported document the hub holds: every confirmed patch merged in order */
    Map<String, Object> twin() {
        return hub.reportedDocument();
    }

    /** @return the ack object {value, ac, av, ad} of a writable property, if reported */
    Optional<Map<?, ?>> ack(String component, String property) {
        if (twin().get(component) instanceof Map<?, ?> section && section.get(property) instanceof Map<?, ?> ack) {
            return Optional.of(ack);
        }
        return Optional.empty();
    }

    /** @return the {@code av} of the property's ack if it has the code, else -1 */
    long ackVersion(String component, String property, int code) {
        return ack(component, property)
                .filter(ack -> ack.get("av") instanceof Long && Long.valueOf(code).equals(ack.get("ac")))
                .map(ack -> (Long) ack.get("av")).orElse(-1L);
    }

    /** A plug-in that records the versions it applied and succeeds. */
    static final class Recording implements ComponentHandler {
        final List<Long> versions = new CopyOnWriteArrayList<>();

        @Override
        public Outcome apply(DesiredSection section, ApplyContext context) {
            versions.add(section.version());
            return Outcome.done("done v" + section.version());
        }
    }
}
