package dev.moduleagent.certs.internal;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.KeyPairs;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Key and trust managers from in-memory keys and certificates, shared by the TLS contexts and the EST client. */
public final class JsseMaterial {

    private JsseMaterial() {
    }

    /**
     * @param key the private key
     * @param chain its certificate first, then the issuers
     * @return key managers presenting that chain
     * @throws CertificateToolException when the chain is empty or the key does not match its first certificate
     * @throws GeneralSecurityException when JSSE refuses the material
     * @throws IOException never in practice (in-memory key store)
     */
    public static KeyManager[] keyManagers(PrivateKey key, List<X509Certificate> chain)
            throws GeneralSecurityException, IOException, CertificateToolException {
        if (chain.isEmpty()) {
            throw new CertificateToolException("the certificate chain is empty");
        }
        if (!KeyPairs.matches(key, chain.get(0))) {
            throw new CertificateToolException("the private key does not match the certificate "
                    + chain.get(0).getSubjectX500Principal().getName());
        }
        char[] password = new char[0];
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("identity", key, password, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    /**
     * @param trust the certificates to trust; empty for the JDK's default roots
     * @return PKIX trust managers for exactly those anchors
     * @throws GeneralSecurityException when JSSE refuses the certificates
     * @throws IOException never in practice (in-memory key store)
     */
    public static TrustManager[] trustManagers(Collection<X509Certificate> trust) throws GeneralSecurityException, IOException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (trust.isEmpty()) {
            factory.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int index = 0;
            for (X509Certificate cert : trust) {
                store.setCertificateEntry("trusted-" + index++, cert);
            }
            factory.init(store);
        }
        return factory.getTrustManagers();
    }

    /**
     * @param trust the certificates to trust (at least one)
     * @return the X.509 trust managers for exactly those anchors
     * @throws GeneralSecurityException when JSSE refuses the certificates
     * @throws IOException never in practice (in-memory key store)
     */
    public static X509TrustManager[] x509TrustManagers(Collection<X509Certificate> trust)
            throws GeneralSecurityException, IOException {
        return Arrays.stream(trustManagers(trust)).filter(X509TrustManager.class::isInstance)
                .map(X509TrustManager.class::cast).toArray(X509TrustManager[]::new);
    }
}
