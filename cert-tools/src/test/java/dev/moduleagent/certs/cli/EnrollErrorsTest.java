package dev.moduleagent.certs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.cli.ScriptedEstServer.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cert-tools enroll} against EST servers that misbehave: each failure is one line, exit 1, and nothing is written. */
class EnrollErrorsTest {

    @TempDir
    Path dir;

    private final List<ScriptedEstServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(ScriptedEstServer::close);
    }

    @Test
    void answer202IsRetriedAfterItsRetryAfter() throws Exception {
        ScriptedEstServer[] self = new ScriptedEstServer[1];
        self[0] = server((path, csr) -> self[0].requests.get() == 1
                ? new Answer(202, Map.of("Retry-After", "1"), new byte[0]) : self[0].issue(csr));

        CliRun run = enroll(self[0], "--wait", "10s");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, self[0].requests.get(), "one 202, then the certificate");
        assertTrue(Files.exists(dir.resolve("chain.pem")));
    }

    @Test
    void answer202BeyondTheAllowedWaitFails() throws Exception {
        CliRun run = enroll(server((path, csr) -> new Answer(202, Map.of("Retry-After", "120"), new byte[0])), "--wait", "2s");

        assertFailed(run, "has not issued the certificate yet (202, Retry-After 120 s is beyond the allowed wait of 2 s)");
    }

    @Test
    void malformedPkcs7IsRefused() throws Exception {
        CliRun run = enroll(server((path, csr) -> Answer.certsOnlyBody("this is no PKCS#7".getBytes())));

        assertFailed(run, "the server's reply is not a valid PKCS#7 certs-only message");
    }

    @Test
    void certificateForAnotherSubjectIsRefused() throws Exception {
        ScriptedEstServer[] self = new ScriptedEstServer[1];
        self[0] = server((path, csr) -> Answer.certsOnly(List.of(self[0].issue(new X500Name("CN=d1/intruder"),
                new JcaPKCS10CertificationRequest(csr).getPublicKey()))));

        assertFailed(enroll(self[0]), "the returned certificate is for CN=d1/intruder, not the requested CN=d1/m1; refused");
    }

    @Test
    void certificateForAnotherKeyIsRefused() throws Exception {
        ScriptedEstServer[] self = new ScriptedEstServer[1];
        self[0] = server((path, csr) -> {
            var anyKey = KeyPairs.generate(KeyAlgorithm.EC_P256);
            var signed = new JcaPKCS10CertificationRequestBuilder(csr.getSubject(), anyKey.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(anyKey.getPrivate()));
            return self[0].issue(signed);
        });

        assertFailed(enroll(self[0]), "is not for the requested public key; refused");
    }

    @Test
    void forbiddenIsReportedAs403() throws Exception {
        assertFailed(enroll(server((path, csr) -> Answer.status(403, "not for you"))), "HTTP 403, authenticated but not allowed");
    }

    @Test
    void unauthorizedWithAnErrorBodyIsReportedAs401() throws Exception {
        assertFailed(enroll(server((path, csr) -> Answer.status(401, "who are you?"))), "HTTP 401, the server refused the credentials");
    }

    @Test
    void serverCertificateForAnotherHostIsATrustFailure() throws Exception {
        ScriptedEstServer server = new ScriptedEstServer(List.of("est.example.com"), (path, csr) -> null);
        servers.add(server);

        assertFailed(enroll(server), "TLS trust failure, not a network problem: the server's certificate does not name host 127.0.0.1");
    }

    @Test
    void serverFromAnotherCaIsATrustFailure() throws Exception {
        ScriptedEstServer server = server((path, csr) -> null);
        CertificateAuthority other = CertificateAuthority.createRoot("Other", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        Path otherTrust = dir.resolve("other.pem");
        Pem.writeCertificates(otherTrust, List.of(other.certificate()), false);

        assertFailed(run(server.url(), otherTrust), "TLS trust failure, not a network problem: the server's certificate does not "
                + "chain to the given trust anchors");
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        ScriptedEstServer server = server((path, csr) -> null);
        String url = server.url();
        server.close();

        assertFailed(run(url, trust(server)), "cannot reach the server");
    }

    @Test
    void passwordOnTheCommandLineIsNotOffered() throws Exception {
        ScriptedEstServer server = server((path, csr) -> null);
        CliRun run = CliRun.run("enroll", "--url", server.url(), "--trust", trust(server).toString(), "--device", "d1",
                "--module", "m1", "--key-out", dir.resolve("k.pem").toString(), "--out", dir.resolve("c.pem").toString(),
                "--username", "u", "--password", "secret");

        assertEquals(2, run.exitCode());
        assertEquals(0, server.requests.get());
    }

    @Test
    void urlThatIsNotAnEstUrlIsAUsageError() throws Exception {
        for (String url : List.of("http://127.0.0.1:1/.well-known/est", "https://127.0.0.1:1/est", "https://u:p@127.0.0.1/.well-known/est")) {
            CliRun run = run(url, dir.resolve("no-trust-needed.pem"));

            assertEquals(2, run.exitCode(), url + ": " + run.err());
            assertTrue(run.err().contains("EST URL '" + url + "'"), run.err());
        }
    }

    private ScriptedEstServer server(ScriptedEstServer.Script script) throws Exception {
        ScriptedEstServer server = new ScriptedEstServer(List.of(ScriptedEstServer.HOST), script);
        servers.add(server);
        return server;
    }

    private Path trust(ScriptedEstServer server) throws Exception {
        Path file = dir.resolve("trust-" + servers.indexOf(server) + ".pem");
        if (!Files.exists(file)) {
            Pem.writeCertificates(file, List.of(server.ca.certificate()), false);
        }
        return file;
    }

    private CliRun enroll(ScriptedEstServer server, String... extra) throws Exception {
        return run(server.url(), trust(server), extra);
    }

    private CliRun run(String url, Path trust, String... extra) throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "secret\n");
        List<String> args = new ArrayList<>(List.of("enroll", "--url", url, "--trust", trust.toString(), "--device", "d1",
                "--module", "m1", "--username", "u", "--password-file", password.toString(),
                "--key-out", dir.resolve("key.pem").toString(), "--out", dir.resolve("chain.pem").toString(), "--timeout", "10s"));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(new String[0]));
    }

    private void assertFailed(CliRun run, String expected) {
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertFalse(Files.exists(dir.resolve("chain.pem")), "no chain written");
        assertFalse(Files.exists(dir.resolve("key.pem")), "no key written");
    }
}
