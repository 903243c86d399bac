package dev.moduleagent.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.certs.CertificateRequests;
import dev.moduleagent.certs.EstClient;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.Thumbprints;
import dev.moduleagent.localhub.EstConfig;
import dev.moduleagent.runtime.demo.TwinView;
import dev.moduleagent.runtime.fixture.counter.CountingHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic certificate renewal of the agent process against local-hub's EST server on 127.0.0.85, whose
 * certificates live {@code it.renewal.lifetime} (default 60 s; renewed when two thirds of that are left). The long run of issue 9 (2-minute
 * certificates for 10 minutes):
 * {@code -Dit.renewal.lifetime=PT2M -Dit.renewal.duration=PT10M}.
 */
class CertificateRenewalIT extends AgentItSupport {

    private static final Duration LIFETIME = Duration.parse(System.getProperty("it.renewal.lifetime", "PT60S"));
    private static final Duration RUN = Duration.parse(System.getProperty("it.renewal.duration", "PT0S"));
    private static final int RENEWALS = 3;

    @TempDir
    static Path hubDir;
    private static HubLog hubLog;

    @BeforeAll
    static void startHub() throws Exception {
        hubLog = HubLog.capture();
        startHubWithEst("127.0.0.85", hubDir.resolve("hub"), EstConfig.onPort(0).withValidity(LIFETIME));
    }

    @AfterAll
    static void closeHub() {
        stopHub();
        hubLog.close();
    }

    @Test
    void roundTripsKeepWorkingAcrossRenewalsWithoutReapplyOrRestart() throws Exception {
        AgentHome home = home("renewing");
        Path certFile = shortLived(home);
        home.configure("renew.est.url", hub.estUrl());
        // local-hub dates notBefore 1 min back (clock skew), so a share of the validity period would be near the
        // moment of issue: renew when two thirds of the issued lifetime are left instead (every ~20 s at 60 s)
        home.configure("renew.before", LIFETIME.multipliedBy(2).dividedBy(3).toSeconds() + "s");
        home.configure("renew.check", "2s");
        deployFixture(home, "counter", "1.0.0");
        AgentProcess agent = start(home);
        List<String> versions = new ArrayList<>();
        versions.add(roundTrip("renewing", 0));
        String launched = text(twin("renewing"), "agent", "launchTime");
        List<String> serials = new ArrayList<>(List.of(serialOf(certFile)));
        Instant firstExpiry = Pem.readCertificates(certFile).get(0).getNotAfter().toInstant();
        long start = System.nanoTime();

        while (serials.size() <= RENEWALS || System.nanoTime() - start < RUN.toNanos()) {
            hub.awaitTwin("renewal number " + serials.size(), DEVICE, "renewing", LIFETIME.multipliedBy(2),
                    Duration.ofMillis(500), twin -> !serials.contains(identity(twin, "serialNumber")));
            String serial = identity(twin("renewing"), "serialNumber");
            assertEquals("promoted", renewal(twin("renewing"), "outcome"));
            assertEquals(serial, serialOf(certFile), "the promoted pair is the configured one on disk");
            X509Certificate leaf = Pem.readCertificates(certFile).get(0);
            assertTrue(hubLog.hasLine("est simplereenroll issued", "serial=" + serial.toUpperCase(Locale.ROOT)));
            assertTrue(hubLog.hasLine("client connected id=" + DEVICE + "/renewing", "thumbprint=" + Thumbprints.sha1(leaf)),
                    "the hub saw a connection with serial " + serial);
            serials.add(serial);
            versions.add(roundTrip("renewing", serials.size()));
        }

        assertTrue(Instant.now().isAfter(firstExpiry), "the first certificate has expired meanwhile");
        assertEquals(versions, Files.readAllLines(home.fixtureDir().resolve(CountingHandler.FILE)),
                "each desired version applied once: no re-apply after a reconnect");
        assertTrue(agent.isAlive());
        assertEquals(launched, text(twin("renewing"), "agent", "launchTime"), "no restart");
        assertTrue(Files.exists(Path.of(certFile + ".previous")));
        assertFalse(Files.exists(Path.of(certFile + ".staged")));
    }

    @Test
    void aCertificateTheHubRefusesIsRolledBackAndReported() throws Exception {
        AgentHome home = home("refused");
        Path certFile = configured(home, "cert.file");
        String thumbprint = Thumbprints.sha1(Pem.readCertificates(certFile).get(0));
        // the hub now accepts only the current certificate (thumbprint registration): a renewed one is refused
        hub.service().deleteModule(DEVICE, "refused");
        hub.service().createModuleWithThumbprint(DEVICE, "refused", thumbprint, null);
        home.configure("renew.est.url", hub.estUrl());
        home.configure("renew.before", "30d"); // longer than the 7-day lifetime: renew at once
        home.configure("renew.check", "5s");
        deployFixture(home, "counter", "1.0.0");
        start(home);

        hub.awaitTwin("a rolled-back renewal reported", DEVICE, "refused", CONVERGE, Duration.ofMillis(500),
                twin -> "rolled-back".equals(renewal(twin, "outcome")));
        String reason = renewal(twin("refused"), "reason");
        assertTrue(reason.startsWith("the hub refused the new certificate"), reason);
        assertEquals(thumbprint, Thumbprints.sha1(Pem.readCertificates(certFile).get(0)), "the old pair stays");
        assertFalse(Files.exists(Path.of(certFile + ".staged")));
        roundTrip("refused", 1);
    }

    @Test
    void anUnreachableEstServerIsRetriedAndTheCurrentCertificateKept() throws Exception {
        AgentHome home = home("est-down");
        Path certFile = configured(home, "cert.file");
        String before = Files.readString(certFile);
        home.configure("renew.est.url", "https://127.0.0.85:1/.well-known/est");
        home.configure("renew.before", "30d");
        home.configure("renew.check", "2s");
        deployFixture(home, "counter", "1.0.0");
        start(home);

        Conditions.await("two failed attempts in the agent's log", CONVERGE, () -> count(home, "certificate renewal failed") >= 2);
        hub.awaitTwin("a failed renewal reported", DEVICE, "est-down", CONVERGE, Duration.ofMillis(500),
                twin -> "failed".equals(renewal(twin, "outcome")));
        String reason = renewal(twin("est-down"), "reason");
        assertTrue(reason != null && reason.contains("cannot reach the server") && reason.contains("current certificate stays"),
                String.valueOf(reason));
        assertEquals(before, Files.readString(certFile), "the current pair is untouched");
        roundTrip("est-down", 1);
        assertFalse(Files.exists(Path.of(certFile + ".staged")));
    }

    /** Replaces the module's 7-day certificate by one of the EST server's short-lived ones (same subject). */
    private static Path shortLived(AgentHome home) throws Exception {
        Path chainFile = configured(home, "cert.file");
        Path keyFile = configured(home, "key.file");
        List<X509Certificate> current = Pem.readCertificates(chainFile);
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        List<X509Certificate> issued = EstClient.to(hub.estUrl(), Pem.readCertificates(configured(home, "trust.file")))
                .clientCertificate(Pem.readPrivateKey(keyFile, null), current).build()
                .reenroll(CertificateRequests.renewal(keys, current.get(0)));
        Pem.writePrivateKey(keyFile, keys.getPrivate(), null, true);
        Pem.writeCertificates(chainFile, issued, true);
        return chainFile;
    }

    /** @return a file named in the home's agent.cfg */
    private static Path configured(AgentHome home, String key) throws Exception {
        for (String line : Files.readAllLines(home.dir().resolve("conf/agent.cfg"))) {
            if (line.startsWith(key + "=")) {
                return Path.of(line.substring(key.length() + 1));
            }
        }
        throw new AssertionError("no " + key + " in " + home.dir());
    }

    private String roundTrip(String moduleId, int level) throws Exception {
        long version = hub.patchDesired(DEVICE, moduleId, Desired.patch().component("counter", "level", level).json());
        awaitAcks(moduleId, Map.of("counter", List.of("level")), version, 200);
        return Long.toString(version);
    }

    private static String serialOf(Path certFile) throws Exception {
        return Pem.readCertificates(certFile).get(0).getSerialNumber().toString(16);
    }

    private static long count(AgentHome home, String text) {
        try {
            return Files.exists(home.log()) ? Files.readAllLines(home.log()).stream().filter(l -> l.contains(text)).count() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static Optional<JsonObject> identityObject(TwinView twin) {
        return twin.reportedComponent("agent").map(agent -> agent.get("identity"))
                .filter(JsonElement::isJsonObject).map(JsonElement::getAsJsonObject);
    }

    private static String identity(TwinView twin, String field) {
        return identityObject(twin).map(id -> id.get(field)).filter(JsonElement::isJsonPrimitive)
                .map(JsonElement::getAsString).orElse(null);
    }

    private static String renewal(TwinView twin, String field) {
        return identityObject(twin).map(id -> id.get("renewal")).filter(JsonElement::isJsonObject)
                .map(r -> r.getAsJsonObject().get("last")).filter(JsonElement::isJsonObject)
                .map(last -> last.getAsJsonObject().get(field)).filter(JsonElement::isJsonPrimitive)
                .map(JsonElement::getAsString).orElse(null);
    }
}
