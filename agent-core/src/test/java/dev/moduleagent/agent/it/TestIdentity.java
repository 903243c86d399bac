package dev.moduleagent.agent.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Makes a self-signed module identity with the JDK's keytool, so that the integration test needs no crypto library
 * on its class path (the bundles inside Felix bring their own).
 */
final class TestIdentity {

    private static final char[] STORE_PASSWORD = "it-only".toCharArray();

    private TestIdentity() {
    }

    /**
     * Writes {@code module.key.pem} (PKCS#8, 0600) and {@code module.cert.pem} into a folder.
     *
     * @param dir the folder
     * @param commonName e.g. {@code dev1/mod1}
     */
    static void write(Path dir, String commonName) throws IOException, InterruptedException, GeneralSecurityException {
        Path store = dir.resolve("identity.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "module", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=" + commonName, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, STORE_PASSWORD);
        }
        Certificate cert = keyStore.getCertificate("module");
        byte[] key = keyStore.getKey("module", STORE_PASSWORD).getEncoded();
        Path keyFile = dir.resolve("module.key.pem");
        Files.createFile(keyFile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, pem("PRIVATE KEY", key));
        Files.writeString(dir.resolve("module.cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
        Files.delete(store);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
