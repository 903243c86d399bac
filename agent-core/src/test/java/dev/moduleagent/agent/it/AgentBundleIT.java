package dev.moduleagent.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.agent.internal.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * Boots the built agent-core bundle in a real Felix with the agent's run bundles (runtime/agent.bndrun),
 * and checks its wiring: every bundle resolves and starts, the configured component registers ReportedProperties
 * per bundle (a bundle writes only the components its own handlers name),
 * the nested SDK reaches the network (a TLS ClientHello arrives at a loopback listener on port 8883), a bad
 * identity fails activation with one line and comes back when the configuration is corrected, a bad change is refused
 * while the agent runs on, and a changed {@code hub.host} moves the session (127.0.0.47 to 127.0.0.48).
 */
class AgentBundleIT {

    /** This test's own loopback address for port 8883 (other modules' tests use 127.0.0.2, .3, ...). */
    private static final String HUB_ADDRESS = "127.0.0.47";
    /** Where the agent moves when hub.host changes. */
    private static final String OTHER_HUB_ADDRESS = "127.0.0.48";
    private static final String REPORTED = "dev.moduleagent.api.ReportedProperties";
    private static final String HANDLER = "dev.moduleagent.api.ComponentHandler";
    private static final String PID = "dev.moduleagent.agent";

    @TempDir
    Path work;
    private FelixHarness felix;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @BeforeEach
    void boot() throws Exception {
        System.setErr(new PrintStream(new Tee(originalErr, captured), true, StandardCharsets.UTF_8));
        TestIdentity.write(work, "dev1/mod1");
        felix = FelixHarness.start(work, FelixHarness.file("it.bundles.dir").toPath(),
                FelixHarness.file("it.agent.bundle").toPath());
    }

    @AfterEach
    void shutdown() throws Exception {
        try {
            felix.close();
        } finally {
            System.setErr(originalErr);
        }
    }

    @Test
    void bundleResolvesActivatesAndItsComponentRegistersReportedPropertiesOnceConfigured() throws Exception {
        for (Bundle bundle : felix.bundles()) {
            assertEquals(Bundle.ACTIVE, bundle.getState(), bundle.getSymbolicName() + " is not active");
        }
        assertEquals(null, felix.service(REPORTED), "no service before the configuration exists");

        try (ServerSocket hub = new ServerSocket()) {
            hub.bind(new InetSocketAddress(InetAddress.getByName(HUB_ADDRESS), 8883));
            felix.configure(PID, config("dev1"));

            Object reported = Await.value("ReportedProperties service", () -> felix.service(REPORTED));
            ownsOnlyWhatItsHandlersName(reported);

            hub.setSoTimeout(30_000);
            try (Socket client = hub.accept(); InputStream in = client.getInputStream()) {
                assertEquals(0x16, in.read(), "the SDK opened TLS (handshake record) from inside Felix");
            }
        }
        assertTrue(Files.exists(work.resolve("data").resolve("agent-state.mv.db")));
    }

    @Test
    void badIdentityFailsActivationWithOneClearLineAndACorrectedConfigurationActivatesAgain() throws Exception {
        int before = captured.size();
        felix.configure(PID, config("other-device"));
        Await.until("error logged", () -> newOutput(before).contains("module agent not started"));

        String expected = "module agent not started pid=dev.moduleagent.agent reason=\"cert.file "
                + work.resolve("module.cert.pem")
                + ": certificate CN 'dev1/mod1' does not match device.id/module.id 'other-device/mod1'\"";
        for (int i = 0; i < 20; i++) {
            assertEquals(null, felix.service(REPORTED), "looking the service up must not retry the activation");
        }
        assertOneErrorLine(before, expected);

        felix.configure(PID, config("dev1"));
        Await.value("service back after the fix", () -> felix.service(REPORTED));
    }

    @Test
    void aBadChangeIsRefusedInOneLineAndTheRunningAgentKeepsItsConfiguration() throws Exception {
        felix.configure(PID, config("dev1"));
        Object reported = Await.value("service with the good identity", () -> felix.service(REPORTED));
        int before = captured.size();

        felix.configure(PID, config("other-device"));
        Await.until("refusal logged", () -> newOutput(before).contains("action=keep-previous"));

        assertOneErrorLine(before, "configuration refused pid=dev.moduleagent.agent action=keep-previous reason=\""
                + "cert.file " + work.resolve("module.cert.pem") + ": certificate CN 'dev1/mod1' does not match "
                + "device.id/module.id 'other-device/mod1'\"");
        assertSame(reported, felix.service(REPORTED), "the agent runs on, not reactivated");
        Dictionary<String, Object> wrongKind = config("dev1");
        wrongKind.put("plugins.healthWindow", "0");
        int later = captured.size();
        felix.configure(PID, wrongKind);
        Await.until("refusal logged", () -> newOutput(later).contains("action=keep-previous"));
        assertOneErrorLine(later, "configuration refused pid=dev.moduleagent.agent action=keep-previous reason=\""
                + "'plugins.healthWindow' is '0', expected a whole number from 1 to 3600\"");
        assertSame(reported, felix.service(REPORTED), "the agent runs on, not reactivated");
    }

    @Test
    void aChangedHubHostReconnectsTheSessionToTheNewHostWithoutReactivatingTheAgent() throws Exception {
        try (ServerSocket second = listen(OTHER_HUB_ADDRESS)) {
            Object reported;
            try (ServerSocket first = listen(HUB_ADDRESS)) {
                felix.configure(PID, config("dev1"));
                reported = Await.value("ReportedProperties service", () -> felix.service(REPORTED));
                assertClientHello(first);
            } // closed: further attempts there are refused at once

            Dictionary<String, Object> moved = config("dev1");
            moved.put("hub.host", OTHER_HUB_ADDRESS);
            felix.configure(PID, moved);

            assertClientHello(second);
            assertSame(reported, felix.service(REPORTED), "the session restarted, not the agent");
        }
    }

    private static ServerSocket listen(String address) throws IOException {
        ServerSocket hub = new ServerSocket();
        hub.bind(new InetSocketAddress(InetAddress.getByName(address), 8883));
        hub.setSoTimeout(30_000);
        return hub;
    }

    private static void assertClientHello(ServerSocket hub) throws IOException {
        try (Socket client = hub.accept(); InputStream in = client.getInputStream()) {
            assertEquals(0x16, in.read(), "a TLS handshake record at " + hub.getInetAddress());
        }
    }

    private void assertOneErrorLine(int from, String expected) {
        List<String> output = lines(newOutput(from));
        // the level, not the text: INFO lines may name the SDK's IO_ERROR status
        List<String> errorLines = output.stream().filter(l -> l.contains(" ERROR ")).collect(Collectors.toList());
        assertEquals(1, errorLines.size(), errorLines.toString());
        assertTrue(errorLines.get(0).endsWith(expected), errorLines.get(0));
        assertTrue(output.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")), output.toString());
    }

    /**
     * The ReportedProperties this (system) bundle got writes only the components its own handler services name:
     * none at first, then {@code os} once it registers a ComponentHandler named so by {@code @ComponentName}'s
     * property.
     */
    private void ownsOnlyWhatItsHandlersName(Object reported) throws Exception {
        Bundle api = felix.bundle("dev.moduleagent.api");
        String refusedBefore = refusal(api, reported, "os");
        assertTrue(refusedBefore.equals("bundle org.apache.felix.framework may not report component 'os': it reports"
                + " only the components its ComponentHandler or CommandHandler services name (it registers none)"),
                refusedBefore);

        Class<?> handlerType = api.loadClass(HANDLER);
        Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
                (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "test handler";
                    default -> null;
                });
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("moduleagent.component.name", "os");
        ServiceRegistration<?> registration = felix.context().registerService(HANDLER, handler, properties);
        try {
            felix.invoke(api, REPORTED, reported, "report", new Class<?>[] {String.class, Map.class},
                    "os", Map.of("hostname", "it-host"));
            assertTrue(refusal(api, reported, "firmware").endsWith("services name [os]"));
        } finally {
            registration.unregister();
        }
    }

    private String refusal(Bundle api, Object reported, String component) {
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> felix.invoke(api,
                REPORTED, reported, "report", new Class<?>[] {String.class, Map.class}, component, Map.of("x", 1L)));
        assertEquals(IllegalArgumentException.class, thrown.getCause().getClass());
        return thrown.getCause().getMessage();
    }

    private Dictionary<String, Object> config(String deviceId) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("hub.host", HUB_ADDRESS);
        properties.put("device.id", deviceId);
        properties.put("module.id", "mod1");
        properties.put("key.file", work.resolve("module.key.pem").toString());
        properties.put("cert.file", work.resolve("module.cert.pem").toString());
        properties.put("data.dir", work.resolve("data").toString());
        properties.put("keepalive.seconds", "30");
        return properties;
    }

    private String newOutput(int from) {
        byte[] all = captured.toByteArray();
        return new String(Arrays.copyOfRange(all, Math.min(from, all.length), all.length), StandardCharsets.UTF_8);
    }

    private static List<String> lines(String text) {
        return text.lines().collect(Collectors.toList());
    }

    /** Writes to the real stderr and to a buffer. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final ByteArrayOutputStream second;

        Tee(OutputStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) {
            synchronized (second) {
                second.write(b);
            }
            try {
                first.write(b);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (second) {
                second.write(b, off, len);
            }
            try {
                first.write(b, off, len);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
