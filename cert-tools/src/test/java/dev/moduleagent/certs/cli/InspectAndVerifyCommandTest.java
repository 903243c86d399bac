package dev.moduleagent.certs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.Thumbprints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectAndVerifyCommandTest {

    @TempDir
    Path dir;

    private Path ca;
    private Path key;
    private Path leaf;

    @BeforeEach
    void issue() {
        ca = dir.resolve("ca");
        key = dir.resolve("d1/m1.key.pem");
        Path csr = dir.resolve("d1/m1.csr");
        leaf = dir.resolve("d1/m1.cert.pem");
        CliRun.run("ca", "init", "--dir", ca.toString(), "--intermediate-cn", "Inter").ok();
        CliRun.run("key", "--out", key.toString()).ok();
        CliRun.run("csr", "--key", key.toString(), "--device", "d1", "--module", "m1", "--out", csr.toString()).ok();
        CliRun.run("ca", "sign", "--ca", ca.resolve("intermediate").toString(), "--csr", csr.toString(),
                "--out", leaf.toString(), "--days", "10").ok();
    }

    @Test
    void inspectJsonReportsThumbprintsIdentityAndChainOrder() throws Exception {
        CliRun run = CliRun.run("inspect", "--json", leaf.toString()).ok();

        X509Certificate cert = Pem.readCertificates(leaf).get(0);
        assertTrue(run.out().contains("\"sha256\": \"" + Thumbprints.sha256(cert) + "\""), run.out());
        assertTrue(run.out().contains("\"sha1\": \"" + Thumbprints.sha1(cert) + "\""), run.out());
        assertTrue(run.out().contains("\"identity\": \"d1/m1\""), run.out());
        assertTrue(run.out().contains("\"extendedKeyUsage\": [\n        \"clientAuth\"\n      ]"), run.out());
        assertTrue(run.out().contains("\"leafFirst\": true"), run.out());
        assertTrue(run.out().contains("\"key\": \"EC P-256\""), run.out());
    }

    @Test
    void inspectNoticesAChainInTheWrongOrder() throws Exception {
        List<X509Certificate> chain = Pem.readCertificates(leaf);
        Path reversed = dir.resolve("reversed.pem");
        Pem.writeCertificates(reversed, List.of(chain.get(1), chain.get(0)), false);

        CliRun run = CliRun.run("inspect", reversed.toString()).ok();

        assertTrue(run.out().contains("NOT in order: certificate 1 is not issued by certificate 2"), run.out());
    }

    @Test
    void verifyPassesEveryCheckForAGoodModuleCertificate() {
        CliRun run = CliRun.run("verify", "--cert", leaf.toString(), "--key", key.toString(),
                "--trust", ca.resolve("root/ca.cert.pem").toString(), "--device", "d1", "--module", "m1");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(5, run.out().lines().filter(line -> line.startsWith("ok:")).count(), run.out());
        assertEquals("", run.err());
    }

    @Test
    void verifyPrintsEachFailedCheckOnItsOwnLine() throws Exception {
        Path otherKey = dir.resolve("other.key.pem");
        CliRun.run("key", "--out", otherKey.toString()).ok();

        CliRun run = CliRun.run("verify", "--cert", leaf.toString(), "--key", otherKey.toString(),
                "--trust", leaf.toString(), "--at", "2099-01-01", "--device", "d1", "--module", "m2");

        assertEquals(1, run.exitCode());
        String[] failures = run.errLines();
        assertEquals(5, failures.length, run.err());
        assertTrue(failures[0].startsWith("FAILED: " + otherKey + " does not match"), failures[0]);
        assertTrue(failures[1].startsWith("FAILED: chain does not validate"), failures[1]);
        assertTrue(failures[2].startsWith("FAILED: CN=d1/m1 has expired at 2099-01-01T00:00:00Z"), failures[2]);
        assertTrue(failures[3].startsWith("FAILED: CN=Inter has expired at 2099-01-01T00:00:00Z"), failures[3]);
        assertEquals("FAILED: CN d1/m1 is not d1/m2", failures[4]);
    }

    @Test
    void verifyRejectsACaCertificateForItsNameNotForLackingAnEku() {
        CliRun run = CliRun.run("verify", "--cert", ca.resolve("root/ca.cert.pem").toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("ok:     no extended key usage extension"), run.out());
        assertTrue(run.err().contains("is not CN=<device>/<module>"), run.err());
    }

    @Test
    void verifyRejectsABadTimeAsUsageError() {
        CliRun run = CliRun.run("verify", "--cert", leaf.toString(), "--at", "tomorrow");

        assertEquals(2, run.exitCode());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.err().contains("'tomorrow' is not a date or time"), run.err());
    }

    @Test
    void pkcs12BundlesKeyAndChainThatInspectReadsBack() throws Exception {
        Path p12 = dir.resolve("m1.p12");
        Files.writeString(dir.resolve("p12pass"), "p12 secret\n");

        CliRun.run("pkcs12", "--key", key.toString(), "--cert", leaf.toString(), "--chain",
                ca.resolve("root/ca.cert.pem").toString(), "--out", p12.toString(),
                "--out-passphrase-file", dir.resolve("p12pass").toString()).ok();
        CliRun run = CliRun.run(Map.of("P", "p12 secret"), "inspect", p12.toString(), "--passphrase-env", "P").ok();

        assertTrue(run.out().startsWith(p12 + " (PKCS#12)"), run.out());
        assertTrue(run.out().contains("[1] private key"), run.out());
        assertTrue(run.out().contains("chain: 3 certificates, leaf first, each issued by the next, ends with a "
                + "self-signed root"), run.out());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p12)));
    }

    @Test
    void pkcs12RequiresAnOutputPassphraseAndWritesNothingWithout() {
        Path p12 = dir.resolve("m1.p12");

        CliRun run = CliRun.run("pkcs12", "--key", key.toString(), "--cert", leaf.toString(), "--out", p12.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("needs a passphrase"), run.err());
        assertFalse(Files.exists(p12));
    }
}
