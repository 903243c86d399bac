package dev.moduleagent.agent.internal;

import dev.moduleagent.agent.internal.hub.Transport;
import dev.moduleagent.agent.internal.identity.IdentityFiles;
import dev.moduleagent.agent.internal.identity.ModuleIdentity;
import dev.moduleagent.agent.internal.testing.FakeHub;
import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A real {@link Agent} against a {@link FakeHub}, closed after each test, and the reported document the hub holds. */
abstract class AgentTestSupport {

    static final AgentTuning FAST = new AgentTuning(Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofMillis(100));

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
        AgentSettings settings = new AgentSettings("127.0.0.2", null, "dev1", "mod1",
                new IdentityFiles(Path.of("k"), null, Path.of("c"), null), Transport.MQTT, dataDir, 230);
        ModuleIdentity identity;
        try {
            identity = new ModuleIdentity("dev1/mod1", "CN=dev1/mod1", "AB12", Instant.parse("2030-01-01T00:00:00Z"),
                    SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return Agent.start(settings, identity, hub, "0.1.0.TEST", Clock.systemUTC(), FAST);
    }

    /** @return the reported document the hub holds: every confirmed patch merged in order */
    Map<String, Object> twin() {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (Map<String, Object> patch : hub.reported()) {
            FakeHub.merge(doc, patch);
        }
        return doc;
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
