package dev.moduleagent.certs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.ChainValidator;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.Thumbprints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaCommandsTest {

    private static final Map<String, String> ENV = Map.of("CA_PASS", "ca secret");

    @TempDir
    Path dir;

    @Test
    void initSignAndVerificationCertFormAValidChainWithRegistrationSteps() throws Exception {
        Path ca = dir.resolve("ca");
        CliRun init = CliRun.run(ENV, "ca", "init", "--dir", ca.toString(), "--cn", "Test Root",
                "--intermediate-cn", "Test Intermediate", "--ca-passphrase-env", "CA_PASS", "--hub", "hub1").ok();
        Path csr = moduleCsr("device01", "module01");
        Path leafFile = dir.resolve("device01/module01.cert.pem");
        Path chainFile = dir.resolve("device01/chain.pem");

        CliRun sign = CliRun.run(ENV, "ca", "sign", "--ca", ca.resolve("intermediate").toString(), "--csr", csr.toString(),
                "--out", leafFile.toString(), "--chain-out", chainFile.toString(), "--ca-passphrase-env", "CA_PASS",
                "--hub", "hub1").ok();

        List<X509Certificate> presented = Pem.readCertificates(leafFile);
        List<X509Certificate> caChain = Pem.readCertificates(chainFile);
        X509Certificate root = Pem.readCertificates(ca.resolve("root/ca.cert.pem")).get(0);
        assertEquals(2, presented.size(), "leaf + intermediate, no root");
        assertEquals("CN=device01/module01", presented.get(0).getSubjectX500Principal().getName());
        assertEquals(List.of(presented.get(1), root), caChain);
        ChainValidator.validate(presented, List.of(root), Instant.now());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(ca.resolve("intermediate").resolve(CertificateAuthority.KEY_FILE))));
        assertEquals("az iot hub certificate create --hub-name hub1 --name cert-tools-test-ca --path "
                + ca.resolve("root/ca.cert.pem"), init.lineContaining("certificate create"));
        assertEquals("az iot hub module-identity create --hub-name hub1 --device-id device01 --module-id module01"
                + " --am x509_ca", sign.lineContaining("module-identity create"));
        assertEquals(Thumbprints.sha256(presented.get(0)), sign.line("SHA-256 thumbprint:"));

        Path proof = dir.resolve("verification.cert.pem");
        CliRun verification = CliRun.run(ENV, "ca", "verification-cert", "--ca", ca.resolve("root").toString(), "--code",
                "3D2F1A0B9C", "--out", proof.toString(), "--ca-passphrase-env", "CA_PASS").ok();
        X509Certificate proofCert = Pem.readCertificates(proof).get(0);
        assertEquals("CN=3D2F1A0B9C", proofCert.getSubjectX500Principal().getName());
        proofCert.verify(root.getPublicKey());
        assertTrue(verification.lineContaining("certificate verify").contains("--path " + proof), verification.out());
    }

    @Test
    void rootOnlyCaSignsLeafWhoseFileHoldsOnlyTheLeaf() throws Exception {
        Path ca = dir.resolve("ca");
        CliRun.run("ca", "init", "--dir", ca.toString(), "--algorithm", "rsa-2048").ok();
        Path csr = moduleCsr("d1", "m1");
        Path out = dir.resolve("m1.cert.pem");

        CliRun.run("ca", "sign", "--ca", ca.resolve("root").toString(), "--csr", csr.toString(), "--out", out.toString(),
                "--days", "7").ok();

        List<X509Certificate> presented = Pem.readCertificates(out);
        assertEquals(1, presented.size());
        ChainValidator.validate(presented, Pem.readCertificates(ca.resolve("root/ca.cert.pem")), Instant.now());
        assertFalse(Files.exists(ca.resolve("intermediate")));
    }

    @Test
    void refusesAWrongCaPassphraseAndWritesNothing() throws Exception {
        Path ca = dir.resolve("ca");
        CliRun.run(ENV, "ca", "init", "--dir", ca.toString(), "--ca-passphrase-env", "CA_PASS").ok();
        Path out = dir.resolve("m1.cert.pem");

        CliRun run = CliRun.run(Map.of("CA_PASS", "wrong"), "ca", "sign", "--ca", ca.resolve("root").toString(),
                "--csr", moduleCsr("d1", "m1").toString(), "--out", out.toString(), "--ca-passphrase-env", "CA_PASS");

        assertEquals(1, run.exitCode());
        assertEquals("cert-tools ca sign: " + ca.resolve("root/ca.key.pem") + ": wrong passphrase (the key cannot be "
                + "decrypted)", run.err().trim());
        assertFalse(Files.exists(out));
    }

    @Test
    void initRefusesToReplaceAnExistingCaWithoutForce() throws Exception {
        Path ca = dir.resolve("ca");
        CliRun.run("ca", "init", "--dir", ca.toString()).ok();
        String before = Files.readString(ca.resolve("root/ca.cert.pem"));

        CliRun again = CliRun.run("ca", "init", "--dir", ca.toString());

        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("already exists"), again.err());
        assertEquals(before, Files.readString(ca.resolve("root/ca.cert.pem")));
    }

    @Test
    void signWritesNeitherFileWhenTheChainFileAlreadyExists() throws Exception {
        Path ca = dir.resolve("ca");
        CliRun.run("ca", "init", "--dir", ca.toString()).ok();
        Path out = dir.resolve("m1.cert.pem");
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, "keep");

        CliRun run = CliRun.run("ca", "sign", "--ca", ca.resolve("root").toString(), "--csr",
                moduleCsr("d1", "m1").toString(), "--out", out.toString(), "--chain-out", chain.toString());

        assertEquals(1, run.exitCode());
        assertFalse(Files.exists(out));
        assertEquals("keep", Files.readString(chain));
    }

    @Test
    void rejectsAVerificationCodeWithOddCharactersAsUsageError() throws Exception {
        Path ca = dir.resolve("ca");
        CliRun.run("ca", "init", "--dir", ca.toString()).ok();

        CliRun run = CliRun.run("ca", "verification-cert", "--ca", ca.resolve("root").toString(), "--code", "a/b",
                "--out", dir.resolve("v.pem").toString());

        assertEquals(2, run.exitCode());
        assertFalse(Files.exists(dir.resolve("v.pem")));
    }

    private Path moduleCsr(String device, String module) {
        Path key = dir.resolve(device + "/" + module + ".key.pem");
        Path csr = dir.resolve(device + "/" + module + ".csr");
        CliRun.run("key", "--out", key.toString()).ok();
        CliRun.run("csr", "--key", key.toString(), "--device", device, "--module", module, "--out", csr.toString()).ok();
        return csr;
    }
}
