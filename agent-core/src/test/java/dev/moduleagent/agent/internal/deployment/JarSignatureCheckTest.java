package dev.moduleagent.agent.internal.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.SelfSigned;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;
import jdk.security.jarsigner.JarSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarSignatureCheckTest {

    @TempDir
    Path dir;

    private final KeyPair trustedKeys = KeyPairs.generate(KeyAlgorithm.EC_P256);
    private final X509Certificate trusted = SelfSigned.codeSigningCertificate(trustedKeys, "trusted", Duration.ofDays(1));

    private JarSignatureCheck check(boolean allowUnsigned) throws Exception {
        Path trust = dir.resolve("trust.pem");
        Pem.writeCertificates(trust, List.of(trusted), true);
        return JarSignatureCheck.load(trust, allowUnsigned);
    }

    @Test
    void GIVEN_a_jar_signed_by_a_trusted_key_THEN_accepted_naming_the_signer() throws Exception {
        assertEquals("CN=trusted", check(false).verify(signed(plain("a.jar", "one"), trustedKeys, trusted, "s.jar")));
    }

    @Test
    void GIVEN_unsigned_untrusted_tampered_or_an_unsigned_extra_THEN_refused_with_4xx() throws Exception {
        JarSignatureCheck check = check(false);
        assertEquals(403, assertThrows(DeploymentFailure.class, () -> check.verify(plain("u.jar", "one"))).code());
        KeyPair other = KeyPairs.generate(KeyAlgorithm.EC_P256);
        Path stranger = signed(plain("b.jar", "one"), other,
                SelfSigned.codeSigningCertificate(other, "stranger", Duration.ofDays(1)), "t.jar");
        assertEquals(403, assertThrows(DeploymentFailure.class, () -> check.verify(stranger)).code());

        Path good = signed(plain("c.jar", "payload-payload-payload"), trustedKeys, trusted, "g.jar");
        byte[] bytes = Files.readAllBytes(good);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        bytes[text.indexOf("payload-payload")] ^= 0x01; // stored entry: the zip stays readable
        Path tampered = Files.write(dir.resolve("tampered.jar"), bytes);
        DeploymentFailure changed = assertThrows(DeploymentFailure.class, () -> check.verify(tampered));
        assertEquals(422, changed.code(), changed.getMessage());

        Path extra = withExtraEntry(good);
        DeploymentFailure partly = assertThrows(DeploymentFailure.class, () -> check.verify(extra));
        assertEquals(403, partly.code());
        assertTrue(partly.getMessage().contains("extra.txt"), partly.getMessage());
    }

    @Test
    void GIVEN_allowUnsigned_THEN_an_unsigned_jar_passes_but_an_untrusted_signature_still_does_not() throws Exception {
        assertTrue(check(true).verify(plain("u.jar", "one")).startsWith("unsigned"));
    }

    private Path plain(String name, String content) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            JarEntry entry = new JarEntry("dev/x/data.txt");
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            entry.setMethod(JarEntry.STORED);
            entry.setSize(bytes.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(bytes);
            entry.setCrc(crc.getValue());
            jar.putNextEntry(entry);
            jar.write(bytes);
            jar.closeEntry();
        }
        return file;
    }

    private Path signed(Path jar, KeyPair keys, X509Certificate cert, String name) throws Exception {
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert));
        Path out = dir.resolve(name);
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream stream = Files.newOutputStream(out)) {
            new JarSigner.Builder(keys.getPrivate(), path).digestAlgorithm("SHA-256").build().sign(zip, stream);
        }
        return out;
    }

    /** Copies a signed jar and adds an entry the signature does not cover. */
    private Path withExtraEntry(Path signed) throws Exception {
        Path out = dir.resolve("extra.jar");
        try (var in = new java.util.jar.JarFile(signed.toFile(), false); OutputStream file = Files.newOutputStream(out);
                java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(file)) {
            for (var entries = in.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                zip.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                try (var body = in.getInputStream(entry)) {
                    body.transferTo(zip);
                }
                zip.closeEntry();
            }
            zip.putNextEntry(new java.util.zip.ZipEntry("extra.txt"));
            zip.write("not signed".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out;
    }
}
