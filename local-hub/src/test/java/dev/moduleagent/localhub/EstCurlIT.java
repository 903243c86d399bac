package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.moduleagent.certs.Pem;
import dev.moduleagent.localhub.internal.est.EstAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's EST server with an independent client: curl for HTTPS, openssl for the PKCS#10 request (base64 POST) and
 * the PKCS#7 reply, as RFC 7030 describes them. Skipped, with the reason, where curl or openssl is missing.
 */
class EstCurlIT {

    private static final String HOST = "127.0.0.92";
    private static final String SUBJECT = "/CN=curl-device\\/curl-module";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;

    private static LocalHub hub;
    private static String url;
    private static String hubCa;

    @BeforeAll
    static void startHub() throws Exception {
        assumeTrue(ExternalTool.available("curl"), "curl is not installed: the independent-client test needs it");
        assumeTrue(ExternalTool.available("openssl"), "openssl is not installed: the independent-client test needs it");
        hub = LocalHub.start(HubConfig.defaults(HOST, dataDir), EstConfig.onPort(0));
        new EstAccess(dataDir).setUser("curl-user", "curl-password-1".toCharArray());
        Files.writeString(work.resolve("curl.cfg"), "user = \"curl-user:curl-password-1\"\n");
        url = "https://" + HOST + ":" + hub.estPort() + "/.well-known/est";
        hubCa = hub.caCertificateFile().toString();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void cacertsIsABase64Pkcs7WithTheEstCaAndTheHubRoot() throws Exception {
        assertEquals("200", curl("-o", "cacerts.b64", url + "/cacerts"));
        List<X509Certificate> cas = pkcs7ToCertificates("cacerts");
        assertEquals(2, cas.size());
        assertEquals(Pem.readCertificates(hub.caCertificateFile()).get(0), cas.get(1));
    }

    @Test
    void opensslRequestPostedWithCurlIsIssuedAndVerifiesWithOpenssl() throws Exception {
        List<X509Certificate> chain = enroll("first");
        assertEquals("CN=curl-device/curl-module", chain.get(0).getSubjectX500Principal().getName());
        Pem.writeCertificates(work.resolve("first.leaf.pem"), List.of(chain.get(0)), true);
        Pem.writeCertificates(work.resolve("first.ca.pem"), List.of(chain.get(1)), true);
        ExternalTool verified = ExternalTool.run(work, "openssl", "verify", "-CAfile", hubCa, "-untrusted", "first.ca.pem",
            "-purpose", "sslclient", "first.leaf.pem").ok();
        assertTrue(verified.out().contains("first.leaf.pem: OK"), verified.out());
    }

    @Test
    void withoutCredentialsTheServerAsksForBasic() throws Exception {
        request("anonymous", SUBJECT);
        assertEquals("401", ExternalTool.run(work, "curl", "-sS", "--cacert", hubCa, "-D", "anonymous.headers", "-o", "/dev/null",
            "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10", "--data-binary", "@anonymous.b64",
            url + "/simpleenroll").ok().out());
        assertTrue(Files.readString(work.resolve("anonymous.headers")).toLowerCase().contains("www-authenticate: basic realm="));
    }

    @Test
    void reenrollWithTheClientCertificateNeedsTheSameSubject() throws Exception {
        List<X509Certificate> chain = enroll("current");
        Pem.writeCertificates(work.resolve("current.chain.pem"), chain, true);
        request("renewal", SUBJECT);
        assertEquals("200", curl("--cert", "current.chain.pem", "--key", "current.key.pem", "-o", "renewal.b64",
            "--data-binary", "@renewal.b64", "-H", "Content-Type: application/pkcs10", url + "/simplereenroll"));
        request("other", "/CN=curl-device\\/other-module");
        assertEquals("403", curl("--cert", "current.chain.pem", "--key", "current.key.pem", "-o", "other.answer",
            "--data-binary", "@other.b64", "-H", "Content-Type: application/pkcs10", url + "/simplereenroll"));
        assertEquals("401", curl("-o", "nocert.answer", "--data-binary", "@renewal.b64", "-H", "Content-Type: application/pkcs10",
            url + "/simplereenroll"), "simplereenroll without a client certificate");
    }

    @Test
    void malformedAndOversizedRequestsAreRefused() throws Exception {
        Files.writeString(work.resolve("garbage.b64"), "this is not base64 at all!");
        assertEquals("400", curl("-K", "curl.cfg", "-o", "garbage.answer", "--data-binary", "@garbage.b64", url + "/simpleenroll"));
        Files.write(work.resolve("huge.b64"), new byte[64 * 1024]);
        assertEquals("413", curl("-K", "curl.cfg", "-o", "huge.answer", "--data-binary", "@huge.b64", url + "/simpleenroll"));
        assertEquals("404", curl("-o", "unknown.answer", url + "/serverkeygen"));
    }

    /** An openssl key and base64 DER request; key in NAME.key.pem, request in NAME.b64. */
    private static void request(String name, String subject) throws Exception {
        ExternalTool.run(work, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", name + ".key.pem", "-subj", subject, "-outform", "DER", "-out", name + ".der").ok();
        ExternalTool.run(work, "openssl", "base64", "-in", name + ".der", "-out", name + ".b64").ok();
    }

    private static List<X509Certificate> enroll(String name) throws Exception {
        request(name, SUBJECT);
        assertEquals("200", curl("-K", "curl.cfg", "-H", "Content-Type: application/pkcs10", "-H", "Content-Transfer-Encoding: base64",
            "--data-binary", "@" + name + ".b64", "-o", name + ".answer.b64", url + "/simpleenroll"));
        return pkcs7ToCertificates(name + ".answer");
    }

    /** NAME.b64 (base64 PKCS#7) → openssl → certificates. */
    private static List<X509Certificate> pkcs7ToCertificates(String name) throws Exception {
        ExternalTool.run(work, "openssl", "base64", "-d", "-in", name + ".b64", "-out", name + ".der").ok();
        ExternalTool.run(work, "openssl", "pkcs7", "-inform", "DER", "-in", name + ".der", "-print_certs", "-out", name + ".pem").ok();
        return Pem.readCertificates(work.resolve(name + ".pem"));
    }

    /** @return the HTTP status curl saw */
    private static String curl(String... args) throws Exception {
        String[] command = new String[args.length + 6];
        command[0] = "curl";
        command[1] = "-sS";
        command[2] = "--cacert";
        command[3] = hubCa;
        command[4] = "-w";
        command[5] = "%{http_code}";
        System.arraycopy(args, 0, command, 6, args.length);
        return ExternalTool.run(work, command).ok().out();
    }
}
