package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.localhub.cli.LocalHubCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The local-hub CLI against a running hub, reading the connection details from the hub's data folder. */
class CliIT {

    private static final String HOST = "127.0.0.17";

    @TempDir
    static Path dataDir;

    @TempDir
    static Path files;

    private static LocalHub hub;

    /** Exit code and output of one command. */
    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void startHub() throws Exception {
        hub = LocalHub.start(HubConfig.defaults(HOST, dataDir));
        assertEquals(0, run("device", "create", "--device", "cli-device", "--auth", "sas").code());
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    private static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir");
        all.add(dataDir.toString());
        return runRaw(all.toArray(new String[0]));
    }

    private static Run runRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = LocalHubCommand.newCommandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listsPoliciesWithoutKeysAndShowsOnePolicysConnectionStringThatWorks() throws Exception {
        Run listed = run("policies", "list");
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("registryReadWrite") && listed.out().contains("RegistryRead, RegistryWrite"), listed.out());
        assertTrue(!listed.out().contains("="), "no keys in the list: " + listed.out());

        Run shown = run("policies", "show", "--name", "registryRead");
        assertEquals(0, shown.code(), shown.err());
        String connectionString = shown.out().trim();
        assertTrue(connectionString.startsWith("HostName=" + HOST + ";SharedAccessKeyName=registryRead;SharedAccessKey="), shown.out());
        ServiceClient reader = ServiceClient.connect(connectionString, hub.caCertificateFile(), hub.servicePort());
        assertEquals("cli-device", reader.getDevice("cli-device").get("deviceId").getAsString());
        assertEquals(401, assertThrows(ServiceException.class,
            () -> reader.createDevice("not-by-a-reader")).status());

        Run unknown = run("policies", "show", "--name", "nobody");
        assertEquals(2, unknown.code(), unknown.out());
    }

    @Test
    void registersAModuleByCertificateAndDrivesItsTwin() throws Exception {
        TestIdentity identity = TestIdentity.selfSigned("cli-device", "cli-module");
        Path cert = files.resolve("cli-module.cert.pem");
        Pem.writeCertificates(cert, identity.chain, true);
        Run created = run("module", "create", "--device", "cli-device", "--module", "cli-module", "--auth", "x509-thumbprint",
            "--cert", cert.toString());
        assertEquals(0, created.code(), created.err());
        assertTrue(created.out().contains(identity.sha256()), created.out());

        Run listed = run("modules", "list", "--device", "cli-device");
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("cli-module") && listed.out().contains("Disconnected"), listed.out());

        Run patched = run("twin", "patch-desired", "--device", "cli-device", "--module", "cli-module", "{\"interval\":5}");
        assertEquals(0, patched.code(), patched.err());
        assertTrue(patched.out().contains("$version 2"), patched.out());
        Run shown = run("twin", "show", "--device", "cli-device", "--module", "cli-module");
        assertEquals(0, shown.code(), shown.err());
        assertTrue(shown.out().contains("\"interval\": 5"), shown.out());

        Run events = run("events", "tail", "--device", "cli-device", "--module", "cli-module");
        assertEquals(0, events.code(), events.err());
    }

    @Test
    void methodOnOfflineModuleFailsWithOneLine() {
        assertEquals(0, run("module", "create", "--device", "cli-device", "--module", "sleeper", "--auth", "x509-ca").code());
        Run invoked = run("method", "invoke", "--device", "cli-device", "--module", "sleeper", "--method", "reboot", "--timeout", "5");
        assertEquals(1, invoked.code());
        assertTrue(invoked.err().contains("404 DeviceNotOnline"), invoked.err());
        assertEquals(1, invoked.err().trim().lines().count(), invoked.err());
    }

    @Test
    void invokesADeviceLevelMethodWithoutModule() throws Exception {
        TestIdentity identity = TestIdentity.selfSigned("cli-method-device", null);
        Path cert = files.resolve("cli-method-device.cert.pem");
        Pem.writeCertificates(cert, identity.chain, true);
        Run created = run("device", "create", "--device", "cli-method-device", "--auth", "x509-thumbprint", "--cert", cert.toString());
        assertEquals(0, created.code(), created.err());
        DeviceClient client = identity.deviceClient(hub);
        try {
            client.open(false);
            client.subscribeToMethods((name, payload, context) -> new DirectMethodResponse(200, Map.of("method", name)), null);
            Run invoked = run("method", "invoke", "--device", "cli-method-device", "--method", "ping", "--timeout", "10");
            assertEquals(0, invoked.code(), invoked.err());
            assertTrue(invoked.out().contains("\"method\": \"ping\""), invoked.out());
        } finally {
            client.close();
        }
    }

    @Test
    void uploadsAndVerifiesACaThenRegistersACaModule() throws Exception {
        CertificateAuthority ca = CertificateAuthority.createRoot("CLI Test CA", KeyAlgorithm.EC_P256, TestIdentity.DAY);
        Path caDir = files.resolve("ca");
        ca.save(caDir, null, false);
        Run uploaded = run("ca", "upload", "--name", "cli-root", "--cert", caDir.resolve(CertificateAuthority.CERT_FILE).toString());
        assertEquals(0, uploaded.code(), uploaded.err());
        Matcher code = Pattern.compile("verification code: (\\S+)").matcher(uploaded.out());
        assertTrue(code.find(), uploaded.out());
        Path proof = files.resolve("verification.pem");
        Pem.writeCertificates(proof, List.of(ca.verificationCertificate(code.group(1), TestIdentity.DAY)), true);
        Run verified = run("ca", "verify", "--name", "cli-root", "--cert", proof.toString());
        assertEquals(0, verified.code(), verified.err());
        assertTrue(verified.out().contains("verified CA cli-root"), verified.out());
        assertEquals(0, run("module", "create", "--device", "cli-device", "--module", "ca-module", "--auth", "x509-ca").code());
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, run("module", "create", "--device", "cli-device").code());
        assertEquals(2, run("twin").code());
        assertEquals(2, run("module", "create", "--device", "cli-device", "--module", "x", "--auth", "kerberos").code());
        assertEquals(2, run("module", "create", "--device", "cli-device", "--module", "x", "--auth", "x509-thumbprint").code());
        assertEquals(2, run("twin", "patch-desired", "--device", "cli-device", "--module", "x", "{not json").code());
    }

    @Test
    void missingHubDataFailsWithAHint() {
        Run result = runRaw("twin", "show", "--device", "d", "--data-dir", files.resolve("nowhere").toString());
        assertEquals(1, result.code());
        assertTrue(result.err().contains("local-hub serve"), result.err());
    }
}
