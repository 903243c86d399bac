package dev.moduleagent.certs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.OpensslProcess;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLI's files against the machine's openssl, and openssl's files against the CLI. Fails if openssl is missing. */
class OpensslInteropTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ec-p256", "ec-p384", "rsa-2048"})
    void opensslVerifiesTheSignatureAndSubjectOfOurCsr(String algorithm) throws Exception {
        cli("key", "--out", "m.key.pem", "--algorithm", algorithm);
        cli("csr", "--key", "m.key.pem", "--device", "device01", "--module", "module01", "--out", "m.csr");

        String output = OpensslProcess.ok(dir, "req", "-in", "m.csr", "-verify", "-noout", "-subject",
                "-nameopt", "RFC2253");

        assertTrue(output.contains("verify OK"), output);
        assertTrue(output.contains("subject=CN=device01/module01"), output);
    }

    @Test
    void opensslVerifiesOurLeafThroughIntermediateToRoot() throws Exception {
        cli("ca", "init", "--dir", "ca", "--intermediate-cn", "Test Intermediate");
        cli("key", "--out", "device01/module01.key.pem");
        cli("csr", "--key", "device01/module01.key.pem", "--device", "device01", "--module", "module01",
                "--out", "device01/module01.csr");
        cli("ca", "sign", "--ca", "ca/intermediate", "--csr", "device01/module01.csr",
                "--out", "device01/module01.cert.pem", "--chain-out", "device01/chain.pem");

        String output = OpensslProcess.ok(dir, "verify", "-CAfile", "ca/root/ca.cert.pem", "-untrusted",
                "device01/chain.pem", "-purpose", "sslclient", "device01/module01.cert.pem");

        assertEquals("device01/module01.cert.pem: OK", output.trim());
        assertTrue(OpensslProcess.run(dir, "verify", "-CAfile", "ca/root/ca.cert.pem", "-purpose", "sslserver",
                "-untrusted", "device01/chain.pem", "device01/module01.cert.pem").exitCode() != 0,
                "a client certificate must not pass as a server certificate");
    }

    @Test
    void opensslFingerprintsEqualThePrintedThumbprints() throws Exception {
        cli("key", "--out", "m.key.pem");
        CliRun run = cli("self-signed", "--key", "m.key.pem", "--device", "d1", "--module", "m1", "--out", "m.cert.pem");

        assertEquals(fingerprint("-sha1"), run.line("SHA-1 thumbprint:"));
        assertEquals(fingerprint("-sha256"), run.line("SHA-256 thumbprint:"));
        assertTrue(run.lineContaining("--am x509_thumbprint").endsWith("--ptp " + fingerprint("-sha256")), run.out());
    }

    @Test
    void caSignAcceptsTheCsrOfTheDocumentedOpensslCommand() throws Exception {
        cli("ca", "init", "--dir", "ca");
        OpensslProcess.ok(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "d1m1.key.pem");
        OpensslProcess.ok(dir, "req", "-new", "-key", "d1m1.key.pem", "-out", "d1m1.csr", "-subj", "/CN=device01\\/module01");

        CliRun sign = cli("ca", "sign", "--ca", "ca/root", "--csr", "d1m1.csr", "--out", "d1m1.cert.pem");

        assertTrue(sign.out().contains("CN=device01/module01"), sign.out());
        assertEquals("d1m1.cert.pem: OK", OpensslProcess.ok(dir, "verify", "-CAfile", "ca/root/ca.cert.pem",
                "d1m1.cert.pem").trim());
        cli("verify", "--cert", "d1m1.cert.pem", "--key", "d1m1.key.pem", "--trust", "ca/root/ca.cert.pem",
                "--device", "device01", "--module", "module01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EC:ec_paramgen_curve:P-256", "RSA:rsa_keygen_bits:2048"})
    void inspectAndVerifyReadKeysAndCertificatesMadeByOpenssl(String spec) throws Exception {
        String[] parts = spec.split(":", 2);
        OpensslProcess.ok(dir, "genpkey", "-algorithm", parts[0], "-pkeyopt", parts[1], "-out", "o.key.pem");
        OpensslProcess.ok(dir, "req", "-new", "-x509", "-key", "o.key.pem", "-out", "o.cert.pem", "-days", "30",
                "-subj", "/CN=device01\\/module01", "-addext", "extendedKeyUsage=clientAuth");

        CliRun inspect = cli("inspect", "o.key.pem");
        CliRun verify = cli("verify", "--cert", "o.cert.pem", "--key", "o.key.pem", "--device", "device01",
                "--module", "module01");

        assertTrue(inspect.out().contains(parts[0].equals("EC") ? "EC P-256" : "RSA 2048"), inspect.out());
        assertTrue(verify.out().contains("o.key.pem matches the certificate"), verify.out());
        cli("csr", "--key", "o.key.pem", "--device", "device01", "--module", "module01", "--out", "o.csr");
    }

    @Test
    void inspectReadsAPkcs12FileMadeByOpenssl() throws Exception {
        OpensslProcess.ok(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "o.key.pem");
        OpensslProcess.ok(dir, "req", "-new", "-x509", "-key", "o.key.pem", "-out", "o.cert.pem", "-days", "30",
                "-subj", "/CN=device01\\/module01");
        OpensslProcess.ok(dir, "pkcs12", "-export", "-inkey", "o.key.pem", "-in", "o.cert.pem", "-out", "o.p12",
                "-passout", "pass:p12pass");

        CliRun run = CliRun.run(Map.of("P12", "p12pass"), "inspect", dir.resolve("o.p12").toString(),
                "--passphrase-env", "P12", "--json").ok();

        assertTrue(run.out().contains("\"format\": \"PKCS#12\""), run.out());
        assertTrue(run.out().contains("\"identity\": \"device01/module01\""), run.out());
        assertTrue(run.out().contains("\"sha256\": \"" + fingerprint("-sha256", "o.cert.pem") + "\""), run.out());
    }

    @Test
    void opensslReadsOurPkcs12File() throws Exception {
        cli("key", "--out", "m.key.pem");
        cli("self-signed", "--key", "m.key.pem", "--device", "d1", "--module", "m1", "--out", "m.cert.pem");
        cli("pkcs12", "--key", "m.key.pem", "--cert", "m.cert.pem", "--out", "m.p12", "--out-passphrase-env", "P12");

        String output = OpensslProcess.ok(dir, "pkcs12", "-in", "m.p12", "-passin", "pass:p12 pass", "-nodes");

        assertTrue(output.contains("-----BEGIN PRIVATE KEY-----"), "key inside");
        assertTrue(output.contains("subject=CN = d1/m1"), output.replaceAll("(?s)-----BEGIN PRIVATE KEY.*", ""));
    }

    /** Runs the CLI with file arguments (those after a file option, and inspect's FILE) resolved in the test folder. */
    private CliRun cli(String... args) {
        Set<String> fileOptions = Set.of("--out", "--key", "--csr", "--cert", "--trust", "--chain", "--chain-out",
                "--dir", "--ca");
        String[] resolved = args.clone();
        for (int i = 1; i < resolved.length; i++) {
            boolean inspected = args[0].equals("inspect") && !args[i].startsWith("-");
            if (fileOptions.contains(args[i - 1]) || inspected) {
                resolved[i] = dir.resolve(args[i]).toString();
            }
        }
        return CliRun.run(Map.of("P12", "p12 pass"), resolved).ok();
    }

    private String fingerprint(String digest) throws Exception {
        return fingerprint(digest, "m.cert.pem");
    }

    private String fingerprint(String digest, String file) throws Exception {
        String out = OpensslProcess.ok(dir, "x509", "-in", file, "-noout", "-fingerprint", digest).trim();
        return out.substring(out.indexOf('=') + 1).replace(":", "");
    }
}
