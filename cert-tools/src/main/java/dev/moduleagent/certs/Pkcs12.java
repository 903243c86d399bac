package dev.moduleagent.certs;

import dev.moduleagent.certs.internal.AtomicFileWriter;
import dev.moduleagent.certs.internal.PemCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.crypto.BadPaddingException;
import org.osgi.annotation.versioning.ProviderType;

/** PKCS#12 (.pfx/.p12) files: a private key with its chain, for tools that want one file. */
@ProviderType
public final class Pkcs12 {

    /**
     * What a PKCS#12 file holds.
     *
     * @param key the private key of the first key entry, or null when there is none
     * @param chain that entry's chain, leaf first (empty without a key entry)
     * @param trusted certificates stored on their own (trusted-certificate entries)
     */
    public record Contents(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> trusted) {
    }

    private Pkcs12() {
    }

    /**
     * @param file the destination; created with mode 0600 because it holds a private key
     * @param key the private key
     * @param chain the leaf first, then its issuers
     * @param passphrase protects the file and the key; not empty
     * @param overwrite whether an existing file may be replaced
     * @throws CertificateToolException when the key does not match the chain, or the file exists or cannot be written
     */
    public static void write(Path file, PrivateKey key, List<X509Certificate> chain, char[] passphrase, boolean overwrite)
            throws CertificateToolException {
        if (chain.isEmpty() || !KeyPairs.matches(key, chain.get(0))) {
            throw new CertificateToolException(file + ": the private key does not match the first certificate of the chain");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            String alias = IdentityName.fromCertificate(chain.get(0)).map(IdentityName::commonName).orElse("identity");
            store.setKeyEntry(alias, key, passphrase, chain.toArray(new X509Certificate[0]));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, passphrase);
            AtomicFileWriter.write(file, bytes.toByteArray(), AtomicFileWriter.PRIVATE, overwrite);
        } catch (GeneralSecurityException | IOException e) {
            throw new CertificateToolException(file + ": cannot write PKCS#12 (" + PemCodec.oneLine(e) + ")", e);
        }
    }

    /**
     * @param file a PKCS#12 file
     * @param passphrase its passphrase
     * @return its first key entry with its chain, and its trusted-certificate entries
     * @throws CertificateToolException when the file is missing, not PKCS#12, or the passphrase is wrong
     */
    public static Contents read(Path file, char[] passphrase) throws CertificateToolException {
        byte[] bytes = Pem.read(file);
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), passphrase);
        } catch (IOException e) {
            boolean wrongPassword = e.getCause() instanceof BadPaddingException
                    || e.getCause() instanceof UnrecoverableKeyException;
            throw new CertificateToolException(file + (wrongPassword ? ": wrong passphrase" : ": not a readable PKCS#12 file")
                    + " (" + PemCodec.oneLine(e) + ")", e);
        } catch (GeneralSecurityException e) {
            throw new CertificateToolException(file + ": not a readable PKCS#12 file (" + PemCodec.oneLine(e) + ")", e);
        }
        return contents(store, passphrase, file);
    }

    private static Contents contents(KeyStore store, char[] passphrase, Path file) throws CertificateToolException {
        PrivateKey key = null;
        List<X509Certificate> chain = List.of();
        List<X509Certificate> trusted = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (key == null && store.isKeyEntry(alias)) {
                    Key entry = store.getKey(alias, passphrase);
                    if (entry instanceof PrivateKey privateKey) {
                        key = privateKey;
                        chain = x509(store.getCertificateChain(alias));
                    }
                } else if (store.isCertificateEntry(alias)) {
                    trusted.add((X509Certificate) store.getCertificate(alias));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new CertificateToolException(file + ": cannot read the key entry (" + PemCodec.oneLine(e) + ")", e);
        }
        return new Contents(key, chain, List.copyOf(trusted));
    }

    private static List<X509Certificate> x509(Certificate[] certs) {
        List<X509Certificate> list = new ArrayList<>();
        for (Certificate cert : certs == null ? new Certificate[0] : certs) {
            list.add((X509Certificate) cert);
        }
        return List.copyOf(list);
    }
}
