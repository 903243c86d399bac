package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.Thumbprints;
import dev.moduleagent.certs.TlsContexts;
import dev.moduleagent.localhub.internal.est.EstAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cert-tools enroll/renew against the hub's EST server, then the real SDK connecting with what was enrolled
 * (X.509 CA mode, no registration step beyond the module existing).
 */
class EstEnrollmentIT {

    private static final String HOST = "127.0.0.91";
    private static final String DEVICE = "est-device";
    private static final String USER = "factory";
    private static final String PASSWORD = "enroll-secret-1";
    private static final Duration VALIDITY = Duration.ofMinutes(10);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;

    private static LocalHub hub;
    private static ServiceClient service;
    private static String url;
    private static String hubCa;
    private static String passwordFile;

    @BeforeAll
    static void startHubWithEst() throws Exception {
        hub = LocalHub.start(HubConfig.defaults(HOST, dataDir), EstConfig.onPort(0).withValidity(VALIDITY));
        service = hub.serviceClient();
        service.createDevice(DEVICE);
        new EstAccess(dataDir).setUser(USER, PASSWORD.toCharArray());
        url = "https://" + HOST + ":" + hub.estPort() + "/.well-known/est";
        hubCa = hub.caCertificateFile().toString();
        passwordFile = Files.writeString(work.resolve("password"), PASSWORD + "\n").toString();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void enrolledModuleConnectsWithTheSdkAndRenewsWithItsOwnCertificate() throws Exception {
        service.createModuleWithCa(DEVICE, "enrolled");
        Path key = work.resolve("enrolled.key.pem");
        Path chain = work.resolve("enrolled.chain.pem");
        CertToolsRun enrolled = CertToolsRun.run("enroll", "--url", url, "--trust", hubCa, "--device", DEVICE, "--module", "enrolled",
            "--username", USER, "--password-file", passwordFile, "--key-out", key.toString(), "--out", chain.toString()).ok();

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        List<X509Certificate> issued = Pem.readCertificates(chain);
        assertEquals(2, issued.size(), "leaf and the EST CA, no root: " + enrolled.out());
        assertEquals("CN=" + DEVICE + "/enrolled", issued.get(0).getSubjectX500Principal().getName());
        Duration lifetime = Duration.between(issued.get(0).getNotBefore().toInstant(), issued.get(0).getNotAfter().toInstant());
        assertTrue(lifetime.compareTo(VALIDITY.plusMinutes(2)) <= 0, "validity as configured: " + lifetime);
        assertTrue(enrolled.out().matches("(?s).*valid until \\S+, (9|10) min left.*"), "expiry in the output: " + enrolled.out());
        CertToolsRun.run("verify", "--cert", chain.toString(), "--key", key.toString(), "--trust", hubCa,
            "--device", DEVICE, "--module", "enrolled").ok();
        connect("enrolled", key, chain);

        Path newKey = work.resolve("renewed.key.pem");
        Path newChain = work.resolve("renewed.chain.pem");
        CertToolsRun.run("renew", "--url", url, "--trust", hubCa, "--cert", chain.toString(), "--key", key.toString(),
            "--key-out", newKey.toString(), "--out", newChain.toString()).ok();

        X509Certificate renewed = Pem.readCertificates(newChain).get(0);
        assertEquals(issued.get(0).getSubjectX500Principal(), renewed.getSubjectX500Principal());
        assertNotEquals(issued.get(0).getSerialNumber(), renewed.getSerialNumber());
        assertNotEquals(issued.get(0).getPublicKey(), renewed.getPublicKey(), "a new key by default");
        connect("enrolled", newKey, newChain);
        JsonObject listed = service.modules(DEVICE).stream()
            .filter(m -> m.get("moduleId").getAsString().equals("enrolled")).findFirst().orElseThrow();
        assertEquals(Thumbprints.sha1(renewed), listed.get("clientCertificateThumbprint").getAsString());
    }

    @Test
    void renewWithReuseKeyCertifiesTheSameKey() throws Exception {
        Path key = work.resolve("reuse.key.pem");
        Path chain = enroll("reuse", key);
        Path out = work.resolve("reuse.renewed.pem");
        CertToolsRun.run("renew", "--url", url, "--trust", hubCa, "--cert", chain.toString(), "--key", key.toString(),
            "--reuse-key", "--out", out.toString()).ok();
        assertEquals(Pem.readCertificates(chain).get(0).getPublicKey(), Pem.readCertificates(out).get(0).getPublicKey());
    }

    @Test
    void caCertsReturnsTheEstCaAndTheHubRoot() throws Exception {
        Path out = work.resolve("cacerts.pem");
        CertToolsRun.run("est", "cacerts", "--url", url, "--trust", hubCa, "--out", out.toString()).ok();
        List<X509Certificate> cas = Pem.readCertificates(out);
        assertEquals(2, cas.size());
        assertTrue(cas.get(0).getSubjectX500Principal().getName().contains("EST CA"));
        assertEquals(Pem.readCertificates(hub.caCertificateFile()).get(0), cas.get(1));
    }

    @Test
    void wrongPasswordIsRefusedWith401AndWritesNothing() throws Exception {
        Path wrong = Files.writeString(work.resolve("wrong-password"), "not-the-password\n");
        Path out = work.resolve("refused.pem");
        CertToolsRun run = CertToolsRun.run("enroll", "--url", url, "--trust", hubCa, "--device", DEVICE, "--module", "refused",
            "--username", USER, "--password-file", wrong.toString(), "--key-out", work.resolve("refused.key").toString(),
            "--out", out.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("HTTP 401"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(work.resolve("refused.key")));
    }

    @Test
    void untrustedServerIsReportedAsTrustNotNetwork() throws Exception {
        Path otherCa = work.resolve("other-ca");
        CertToolsRun.run("ca", "init", "--dir", otherCa.toString()).ok();
        CertToolsRun run = CertToolsRun.run("est", "cacerts", "--url", url, "--trust", otherCa.resolve("root/ca.cert.pem").toString(),
            "--out", work.resolve("never.pem").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("TLS trust failure"), run.err());
    }

    private static Path enroll(String module, Path key) {
        Path chain = work.resolve(module + ".chain.pem");
        CertToolsRun.run("enroll", "--url", url, "--trust", hubCa, "--device", DEVICE, "--module", module,
            "--username", USER, "--password-file", passwordFile, "--key-out", key.toString(), "--out", chain.toString()).ok();
        return chain;
    }

    private static void connect(String module, Path key, Path chain) throws Exception {
        ModuleClient client = new ModuleClient("HostName=" + HOST + ";DeviceId=" + DEVICE + ";ModuleId=" + module + ";x509=true",
            IotHubClientProtocol.MQTT, ClientOptions.builder().sslContext(TlsContexts.client(Pem.readPrivateKey(key, null),
                Pem.readCertificates(chain), Pem.readCertificates(hub.caCertificateFile()))).build());
        try {
            client.open(false);
            client.subscribeToDesiredProperties((twin, context) -> { }, null);
            assertTrue(SdkCalls.getTwin(client).getReportedProperties().getVersion() >= 1);
        } finally {
            client.close();
        }
    }
}
