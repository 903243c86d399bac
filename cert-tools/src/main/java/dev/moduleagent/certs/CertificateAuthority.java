package dev.moduleagent.certs;

import dev.moduleagent.certs.internal.CertificateIssuer;
import dev.moduleagent.certs.internal.CertificateIssuer.Profile;
import dev.moduleagent.certs.internal.CertificateRequest;
import dev.moduleagent.certs.internal.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A certificate authority held in memory, for tests, local hubs and IoT Hub's CA authentication mode: its private key
 * and its chain (its own certificate first, then its issuers up to the root). Immutable and thread-safe.
 */
@ProviderType
public final class CertificateAuthority {

    /** File names used by {@link #save} and {@link #load}. */
    public static final String KEY_FILE = "ca.key.pem";
    /** This CA's own certificate. */
    public static final String CERT_FILE = "ca.cert.pem";
    /** This CA's chain, its own certificate first, the root last. */
    public static final String CHAIN_FILE = "ca.chain.pem";

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private CertificateAuthority(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    /**
     * @param commonName the root's CN
     * @param alg its key type
     * @param validity how long from now it is valid
     * @return a new self-signed root CA
     */
    public static CertificateAuthority createRoot(String commonName, KeyAlgorithm alg, Duration validity) {
        KeyPair keys = KeyPairs.generate(alg);
        X500Name subject = Names.commonName(commonName);
        X509Certificate root = new CertificateIssuer(subject, keys.getPrivate(), keys.getPublic())
                .issue(CertificateRequest.of(subject, keys.getPublic(), validity, Profile.ROOT_CA));
        return new CertificateAuthority(keys.getPrivate(), List.of(root));
    }

    /**
     * @param commonName the intermediate's CN
     * @param alg its key type
     * @param validity how long from now it is valid
     * @return a new CA (path length 0) signed by this one, whose chain is its certificate followed by this chain
     */
    public CertificateAuthority createIntermediate(String commonName, KeyAlgorithm alg, Duration validity) {
        KeyPair keys = KeyPairs.generate(alg);
        X509Certificate cert = issuer().issue(CertificateRequest.of(Names.commonName(commonName), keys.getPublic(),
                validity, Profile.INTERMEDIATE_CA));
        List<X509Certificate> newChain = new ArrayList<>();
        newChain.add(cert);
        newChain.addAll(chain);
        return new CertificateAuthority(keys.getPrivate(), newChain);
    }

    /** @return this CA's own certificate */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** @return this CA's certificate first, the root last (unmodifiable) */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** @return this CA's private key */
    public PrivateKey privateKey() {
        return key;
    }

    /**
     * Issues a client certificate for a device or module: the CSR's subject (its CN must be a valid identity), the
     * CSR's key, clientAuth EKU, digitalSignature key usage.
     *
     * @param csr a request; its signature is checked
     * @param validity how long from now the certificate is valid
     * @return the leaf certificate only
     * @throws CertificateToolException when the signature is wrong or the CN is not a valid identity
     */
    public X509Certificate signClient(PKCS10CertificationRequest csr, Duration validity) throws CertificateToolException {
        PublicKey publicKey = Names.verifiedKey(csr);
        IdentityName.parseCommonName(Names.commonNameOf(csr.getSubject()));
        return issuer().issue(CertificateRequest.of(csr.getSubject(), publicKey, validity, Profile.CLIENT));
    }

    /**
     * @param key the server's public key
     * @param commonName the server's CN, usually its host name
     * @param subjectAltNames each is an iPAddress entry if it is an IP literal, otherwise a dNSName entry
     * @param validity how long from now the certificate is valid
     * @return a server certificate with serverAuth EKU
     */
    public X509Certificate signServer(PublicKey key, String commonName, List<String> subjectAltNames, Duration validity) {
        return issuer().issue(new CertificateRequest(Names.commonName(commonName), key, validity, Profile.SERVER,
                List.copyOf(subjectAltNames)));
    }

    /**
     * @param verificationCode the code IoT Hub generated for this CA
     * @param validity how long from now the certificate is valid
     * @return IoT Hub's proof of possession: a leaf with {@code CN=<verificationCode>} signed by this CA
     */
    public X509Certificate verificationCertificate(String verificationCode, Duration validity) {
        KeyPair throwaway = KeyPairs.generate(KeyAlgorithm.EC_P256);
        return issuer().issue(CertificateRequest.of(Names.commonName(verificationCode), throwaway.getPublic(), validity,
                Profile.VERIFICATION));
    }

    /**
     * @param folder a folder written by {@link #save}: {@code ca.key.pem} and {@code ca.chain.pem} (or {@code ca.cert.pem})
     * @param passphrase the key's passphrase, or null when it is not encrypted
     * @return the CA
     * @throws CertificateToolException when a file is missing or malformed, the key does not match, or it is no CA
     */
    public static CertificateAuthority load(Path folder, char[] passphrase) throws CertificateToolException {
        Path chainFile = folder.resolve(CHAIN_FILE);
        if (!Files.exists(chainFile)) {
            chainFile = folder.resolve(CERT_FILE);
        }
        List<X509Certificate> chain = Pem.readCertificates(chainFile);
        PrivateKey key = Pem.readPrivateKey(folder.resolve(KEY_FILE), passphrase);
        if (!KeyPairs.matches(key, chain.get(0))) {
            throw new CertificateToolException(folder.resolve(KEY_FILE) + ": does not match the certificate in " + chainFile);
        }
        if (chain.get(0).getBasicConstraints() < 0) {
            throw new CertificateToolException(chainFile + ": the first certificate is not a CA (no basicConstraints CA:true)");
        }
        return new CertificateAuthority(key, chain);
    }

    /**
     * Writes {@code ca.key.pem} (mode 0600), {@code ca.cert.pem} and {@code ca.chain.pem}; with overwrite false,
     * nothing is written when any of them exists.
     *
     * @param folder the folder, created if missing
     * @param passphrase encrypts the key, or null for an unencrypted key
     * @param overwrite whether existing files may be replaced
     * @throws CertificateToolException when a file exists (and overwrite is false) or cannot be written
     */
    public void save(Path folder, char[] passphrase, boolean overwrite) throws CertificateToolException {
        if (!overwrite) {
            for (String name : List.of(KEY_FILE, CERT_FILE, CHAIN_FILE)) {
                if (Files.exists(folder.resolve(name))) {
                    throw new CertificateToolException(folder.resolve(name) + ": already exists (use --force to overwrite)");
                }
            }
        }
        Pem.writePrivateKey(folder.resolve(KEY_FILE), key, passphrase, overwrite);
        Pem.writeCertificates(folder.resolve(CERT_FILE), List.of(certificate()), overwrite);
        Pem.writeCertificates(folder.resolve(CHAIN_FILE), chain, overwrite);
    }

    private CertificateIssuer issuer() {
        return new CertificateIssuer(Names.subjectOf(certificate()), key, certificate().getPublicKey());
    }
}
