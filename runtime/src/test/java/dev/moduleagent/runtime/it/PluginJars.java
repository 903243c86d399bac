package dev.moduleagent.runtime.it;

import dev.moduleagent.certs.cli.CertTools;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import picocli.CommandLine;

/** Makes plug-in jars for delivery tests: padded to a size, signed with {@code cert-tools sign-plugin}, tampered. */
final class PluginJars {

    private PluginJars() {
    }

    /** Makes a signer (key + code-signing certificate) with the cert-tools CLI; returns the certificate file. */
    static Path signer(Path dir, String name) {
        Path key = dir.resolve(name + ".key.pem");
        Path cert = dir.resolve(name + ".pem");
        run("key", "--out", key.toString());
        run("signing-cert", "--key", key.toString(), "--cn", name, "--out", cert.toString());
        return cert;
    }

    /** Signs with the signer made by {@link #signer}. */
    static Path sign(Path jar, Path cert, Path out) {
        Path key = cert.resolveSibling(cert.getFileName().toString().replace(".pem", ".key.pem"));
        run("sign-plugin", "--jar", jar.toString(), "--key", key.toString(), "--cert", cert.toString(), "--out",
                out.toString());
        return out;
    }

    /** Copies a jar with an extra stored entry of random bytes, so that it has about {@code size} bytes. */
    static Path pad(Path jar, int size, Path out) throws Exception {
        byte[] padding = new byte[Math.max(0, size - (int) Files.size(jar))];
        new Random(size).nextBytes(padding);
        try (JarFile in = new JarFile(jar.toFile()); OutputStream file = Files.newOutputStream(out);
                JarOutputStream copy = new JarOutputStream(file, in.getManifest())) {
            for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    continue;
                }
                copy.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream body = in.getInputStream(entry)) {
                    body.transferTo(copy);
                }
                copy.closeEntry();
            }
            ZipEntry stored = new ZipEntry("padding.bin");
            stored.setMethod(ZipEntry.STORED);
            stored.setSize(padding.length);
            CRC32 crc = new CRC32();
            crc.update(padding);
            stored.setCrc(crc.getValue());
            copy.putNextEntry(stored);
            copy.write(padding);
            copy.closeEntry();
        }
        return out;
    }

    /** Changes one byte inside the stored padding (the zip stays readable; only the signature can tell). */
    static Path tamper(Path signed, Path out) throws Exception {
        byte[] bytes = Files.readAllBytes(signed);
        int at = indexOf(bytes, "padding.bin".getBytes()) + 200;
        bytes[at] ^= 0x01;
        Files.write(out, bytes);
        return out;
    }

    private static int indexOf(byte[] bytes, byte[] what) {
        outer:
        for (int i = 0; i < bytes.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no padding entry");
    }

    private static void run(String... args) {
        CommandLine cli = CertTools.newCommandLine(name -> null);
        int exit = cli.execute(args);
        if (exit != 0) {
            throw new IllegalStateException("cert-tools " + String.join(" ", args) + " exited " + exit);
        }
    }

}
