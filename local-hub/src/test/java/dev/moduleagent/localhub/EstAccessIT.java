package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.CertificateRequests;
import dev.moduleagent.certs.EstClient;
import dev.moduleagent.certs.EstException;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.localhub.cli.LocalHubCommand;
import dev.moduleagent.localhub.internal.est.EstAccess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Who may enroll and renew at the hub's EST server: users and bootstrap CAs set with {@code local-hub est …} while the
 * hub runs, and the refusals of simplereenroll (another subject: 403; a certificate the hub does not trust: 401).
 */
class EstAccessIT {

    private static final String HOST = "127.0.0.93";
    private static final String DEVICE = "access-device";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;

    private static LocalHub hub;
    private static String url;
    private static List<X509Certificate> hubTrust;

    @BeforeAll
    static void startHub() throws Exception {
        hub = LocalHub.start(HubConfig.defaults(HOST, dataDir), EstConfig.onPort(0));
        url = "https://" + HOST + ":" + hub.estPort() + "/.well-known/est";
        hubTrust = Pem.readCertificates(hub.caCertificateFile());
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void userAddedWithTheCliWhileTheHubRunsCanEnroll() throws Exception {
        Path password = Files.writeString(work.resolve("operator.password"), "operator-pass-1\n");
        assertEquals(0, localHub("est", "credentials", "--username", "operator", "--password-file", password.toString()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("est/users"))));
        assertTrue(!Files.readString(dataDir.resolve("est/users")).contains("operator-pass-1"), "only a hash is stored");

        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        List<X509Certificate> chain = EstClient.to(url, hubTrust).basicAuth("operator", "operator-pass-1".toCharArray()).build()
            .enroll(CertificateRequests.create(keys, IdentityName.of(DEVICE, "by-password")));
        assertEquals("CN=" + DEVICE + "/by-password", chain.get(0).getSubjectX500Principal().getName());
    }

    @Test
    void clientCertificateFromABootstrapCaEnrollsThroughTheCli() throws Exception {
        CertificateAuthority factory = CertificateAuthority.createRoot("Factory CA", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        Path factoryCa = work.resolve("factory-ca.pem");
        Pem.writeCertificates(factoryCa, List.of(factory.certificate()), true);
        KeyPair bootstrapKeys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate bootstrap = factory.signClient(
            CertificateRequests.create(bootstrapKeys, IdentityName.of("serial-0042", null)), Duration.ofDays(1));
        Path bootstrapCert = work.resolve("bootstrap.pem");
        Path bootstrapKey = work.resolve("bootstrap.key.pem");
        Pem.writeCertificates(bootstrapCert, List.of(bootstrap), true);
        Pem.writePrivateKey(bootstrapKey, bootstrapKeys.getPrivate(), null, true);
        String[] enroll = {"enroll", "--url", url, "--trust", hub.caCertificateFile().toString(), "--device", DEVICE,
            "--module", "by-bootstrap", "--auth-cert", bootstrapCert.toString(), "--auth-key", bootstrapKey.toString(),
            "--key-out", work.resolve("by-bootstrap.key.pem").toString(), "--out", work.resolve("by-bootstrap.pem").toString()};

        CertToolsRun before = CertToolsRun.run(enroll);
        assertEquals(1, before.exitCode());
        assertTrue(before.err().contains("HTTP 401"), before.err());

        assertEquals(0, localHub("est", "bootstrap-ca", "--cert", factoryCa.toString()));
        CertToolsRun.run(enroll).ok();
        assertEquals("CN=" + DEVICE + "/by-bootstrap",
            Pem.readCertificates(work.resolve("by-bootstrap.pem")).get(0).getSubjectX500Principal().getName());
    }

    @Test
    void reenrollForAnotherSubjectIsForbidden() throws Exception {
        new EstAccess(dataDir).setUser("renewer", "renewer-pass-1".toCharArray());
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        List<X509Certificate> current = EstClient.to(url, hubTrust).basicAuth("renewer", "renewer-pass-1".toCharArray()).build()
            .enroll(CertificateRequests.create(keys, IdentityName.of(DEVICE, "mine")));
        EstClient renewing = EstClient.to(url, hubTrust).clientCertificate(keys.getPrivate(), current).build();

        EstException refused = assertThrows(EstException.class, () -> renewing.reenroll(
            CertificateRequests.create(KeyPairs.generate(KeyAlgorithm.EC_P256), IdentityName.of(DEVICE, "someone-else"))));

        assertEquals(EstException.Reason.FORBIDDEN, refused.reason());
        assertEquals(403, refused.httpStatus());
    }

    @Test
    void reenrollWithACertificateTheHubDoesNotTrustIsUnauthorized() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.createRoot("Stranger CA", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate foreign = stranger.signClient(CertificateRequests.create(keys, IdentityName.of(DEVICE, "foreign")),
            Duration.ofDays(1));
        EstClient renewing = EstClient.to(url, hubTrust).clientCertificate(keys.getPrivate(), List.of(foreign)).build();

        EstException refused = assertThrows(EstException.class,
            () -> renewing.reenroll(CertificateRequests.renewal(KeyPairs.generate(KeyAlgorithm.EC_P256), foreign)));

        assertEquals(EstException.Reason.UNAUTHORIZED, refused.reason());
    }

    private static int localHub(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dataDir.toString();
        CommandLine commandLine = LocalHubCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(all);
        if (code != 0) {
            throw new AssertionError("local-hub " + String.join(" ", args) + " exit " + code + ": " + err);
        }
        return code;
    }
}
