package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.Pem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real SDK's ModuleClient against the hub with X.509 CA authentication (uploaded, verified CA; CN = device/module). */
class CaModuleIT {

    private static final String HOST = "127.0.0.12";
    private static final String DEVICE = "device-ca";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;

    private static LocalHub hub;
    private static ServiceClient service;
    private static CertificateAuthority root;

    @BeforeAll
    static void startHubWithVerifiedCa() throws Exception {
        hub = LocalHub.start(HubConfig.defaults(HOST, dataDir));
        service = hub.serviceClient();
        root = CertificateAuthority.createRoot("Test Root CA", KeyAlgorithm.EC_P256, TestIdentity.DAY);
        verifyCa("test-root", root);
        service.createDevice(DEVICE);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    private static void verifyCa(String name, CertificateAuthority ca) throws Exception {
        JsonObject uploaded = service.uploadCa(name, Pem.toPem(ca.certificate()));
        String code = uploaded.getAsJsonObject("properties").get("verificationCode").getAsString();
        JsonObject verified = service.verifyCa(name, Pem.toPem(ca.verificationCertificate(code, TestIdentity.DAY)));
        assertTrue(verified.getAsJsonObject("properties").get("isVerified").getAsBoolean());
    }

    private static TestIdentity caModule(String moduleId, CertificateAuthority ca) throws Exception {
        service.createModuleWithCa(DEVICE, moduleId);
        return TestIdentity.issuedBy(ca, DEVICE, moduleId, TestIdentity.DAY);
    }

    @Test
    void caSignedModuleUsesTwinMethodsAndTelemetry() throws Exception {
        ModuleClient client = caModule("ca-module", root).moduleClient(hub);
        BlockingQueue<Twin> desired = new LinkedBlockingQueue<>();
        SdkCalls.Opener opener = c -> {
            c.open(false);
            c.subscribeToDesiredProperties((twin, context) -> desired.add(twin), null);
            c.subscribeToMethods((name, payload, context) -> new DirectMethodResponse(200, Map.of("method", name)), null);
        };
        try {
            opener.open(client);
            assertEquals(1, SdkCalls.getTwin(client, opener).getReportedProperties().getVersion());
            TwinCollection report = new TwinCollection();
            report.put("mode", "ca");
            int version = SdkCalls.report(client, report, opener).getVersion();
            JsonObject reported = service.getModuleTwin(DEVICE, "ca-module").getAsJsonObject("properties").getAsJsonObject("reported");
            assertEquals(reported.get("$version").getAsInt(), version);
            assertEquals("ca", reported.get("mode").getAsString());

            service.patchModuleTwinDesired(DEVICE, "ca-module", JsonParser.parseString("{\"level\":\"debug\"}").getAsJsonObject());
            Twin patch = Await.take(desired, WAIT, t -> t.getDesiredProperties().containsKey("level"), "the desired patch");
            assertEquals("debug", patch.getDesiredProperties().get("level"));

            JsonObject answer = service.invokeModuleMethod(DEVICE, "ca-module", "reboot", null, 10);
            assertEquals("reboot", answer.getAsJsonObject("payload").get("method").getAsString());

            client.sendEvent(new Message("ping"));
            assertEquals("ping", service.events(DEVICE, "ca-module", 5).get(0).get("body").getAsString());
            JsonObject listed = service.modules(DEVICE).stream()
                .filter(m -> m.get("moduleId").getAsString().equals("ca-module")).findFirst().orElseThrow();
            assertEquals("certificateAuthority", listed.get("authenticatedWith").getAsString());
        } finally {
            client.close();
        }
    }

    @Test
    void certificateFromIntermediateOfVerifiedRootIsAccepted() throws Exception {
        CertificateAuthority intermediate = root.createIntermediate("Test Intermediate CA", KeyAlgorithm.EC_P256, TestIdentity.DAY);
        TestIdentity identity = caModule("intermediate-module", intermediate);
        assertEquals(2, identity.chain.size(), "leaf and intermediate are presented");
        ModuleClient client = identity.moduleClient(hub);
        try {
            client.open(false);
        } finally {
            client.close();
        }
    }

    @Test
    void certificateNamingAnotherModuleIsRefused() throws Exception {
        service.createModuleWithCa(DEVICE, "victim-module");
        TestIdentity impostor = TestIdentity.issuedBy(root, DEVICE, "other-module", TestIdentity.DAY)
            .connectingAs(DEVICE, "victim-module");
        assertRefused(impostor.moduleClient(hub));
    }

    @Test
    void certificateFromUntrustedCaIsRefused() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.createRoot("Stranger CA", KeyAlgorithm.EC_P256, TestIdentity.DAY);
        assertRefused(caModule("stranger-module", stranger).moduleClient(hub));
    }

    @Test
    void certificateFromUploadedButUnverifiedCaIsRefused() throws Exception {
        CertificateAuthority pending = CertificateAuthority.createRoot("Pending CA", KeyAlgorithm.EC_P256, TestIdentity.DAY);
        JsonObject uploaded = service.uploadCa("pending", Pem.toPem(pending.certificate()));
        assertFalse(uploaded.getAsJsonObject("properties").get("isVerified").getAsBoolean());
        assertRefused(caModule("pending-module", pending).moduleClient(hub));
    }

    @Test
    void expiredCaSignedCertificateIsRefused() throws Exception {
        service.createModuleWithCa(DEVICE, "expired-ca-module");
        TestIdentity expired = TestIdentity.issuedBy(root, DEVICE, "expired-ca-module", Duration.ofSeconds(-30));
        assertRefused(expired.moduleClient(hub));
    }

    @Test
    void verificationCertificateForAnotherCodeIsRejected() throws Exception {
        CertificateAuthority ca = CertificateAuthority.createRoot("Careless CA", KeyAlgorithm.EC_P256, TestIdentity.DAY);
        service.uploadCa("careless", Pem.toPem(ca.certificate()));
        ServiceException rejected = assertThrows(ServiceException.class,
            () -> service.verifyCa("careless", Pem.toPem(ca.verificationCertificate("WRONGCODE", TestIdentity.DAY))));
        assertEquals(400, rejected.status());
    }

    @Test
    void verificationCertificateSignedByAnotherKeyIsRejected() throws Exception {
        CertificateAuthority ca = CertificateAuthority.createRoot("Owned CA", KeyAlgorithm.EC_P256, TestIdentity.DAY);
        CertificateAuthority thief = CertificateAuthority.createRoot("Thief CA", KeyAlgorithm.EC_P256, TestIdentity.DAY);
        String code = service.uploadCa("owned", Pem.toPem(ca.certificate()))
            .getAsJsonObject("properties").get("verificationCode").getAsString();
        ServiceException rejected = assertThrows(ServiceException.class,
            () -> service.verifyCa("owned", Pem.toPem(thief.verificationCertificate(code, TestIdentity.DAY))));
        assertEquals(400, rejected.status());
    }

    private static void assertRefused(ModuleClient client) {
        try {
            IotHubClientException refused = assertThrows(IotHubClientException.class, () -> client.open(false));
            assertEquals(IotHubStatusCode.UNAUTHORIZED, refused.getStatusCode());
        } finally {
            client.close();
        }
    }
}
