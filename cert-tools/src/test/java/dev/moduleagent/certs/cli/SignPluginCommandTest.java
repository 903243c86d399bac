package dev.moduleagent.certs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.Pem;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignPluginCommandTest {

    @TempDir
    Path dir;

    @Test
    void GIVEN_a_signer_made_by_cert_tools_WHEN_a_jar_is_signed_THEN_JarFile_verifies_every_entry_with_that_cert()
            throws Exception {
        Path key = dir.resolve("signer.key.pem");
        Path cert = dir.resolve("signer.pem");
        CliRun.run("key", "--out", key.toString()).ok();
        CliRun.run("signing-cert", "--key", key.toString(), "--cn", "ACME plug-ins", "--out", cert.toString()).ok();
        Path jar = plainJar(dir.resolve("plugin.jar"));
        Path signed = dir.resolve("plugin-signed.jar");

        CliRun run = CliRun.run("sign-plugin", "--jar", jar.toString(), "--key", key.toString(), "--cert",
                cert.toString(), "--out", signed.toString()).ok();

        assertTrue(run.out().startsWith("signed " + signed + " as CN=ACME plug-ins"), run.out());
        X509Certificate signer = Pem.readCertificates(cert).get(0);
        assertTrue(signer.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.3"), "codeSigning EKU");
        try (JarFile verified = new JarFile(signed.toFile(), true)) {
            int checked = 0;
            for (Enumeration<JarEntry> entries = verified.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                try (InputStream in = verified.getInputStream(entry)) {
                    in.readAllBytes();
                }
                if (entry.getName().startsWith("dev/")) {
                    CodeSigner[] signers = entry.getCodeSigners();
                    assertNotNull(signers, entry.getName());
                    assertEquals(signer, signers[0].getSignerCertPath().getCertificates().get(0));
                    checked++;
                }
            }
            assertEquals(1, checked);
        }
    }

    @Test
    void GIVEN_a_key_of_another_algorithm_or_no_jar_THEN_usage_error_and_no_output() throws Exception {
        Path ec = dir.resolve("ec.key.pem");
        Path rsa = dir.resolve("rsa.key.pem");
        Path cert = dir.resolve("signer.pem");
        CliRun.run("key", "--out", ec.toString()).ok();
        CliRun.run("key", "--out", rsa.toString(), "--algorithm", "rsa-2048").ok();
        CliRun.run("signing-cert", "--key", ec.toString(), "--cn", "x", "--out", cert.toString()).ok();
        Path out = dir.resolve("out.jar");
        CliRun mismatch = CliRun.run("sign-plugin", "--jar", plainJar(dir.resolve("p.jar")).toString(), "--key",
                rsa.toString(), "--cert", cert.toString(), "--out", out.toString());
        assertEquals(2, mismatch.exitCode(), mismatch.err());
        assertFalse(Files.exists(out));
        CliRun missing = CliRun.run("sign-plugin", "--jar", dir.resolve("none.jar").toString(), "--key",
                ec.toString(), "--cert", cert.toString(), "--out", out.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    private static Path plainJar(Path file) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "x.plugin");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("dev/x/Plugin.class"));
            jar.write("not really a class".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return file;
    }
}
