package dev.moduleagent.localhub.internal.est;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.identity.CaRecord;
import dev.moduleagent.localhub.internal.identity.CaRegistry;
import dev.moduleagent.localhub.internal.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA behind the EST server: an intermediate below the hub's own CA (so EST clients trust the hub's CA file for
 * TLS and get a chain to it), kept in {@code <data>/est/ca/}, and registered in the hub's CA registry as verified
 * (the hub holds its key, so it makes the proof of possession itself). Certificates it issues therefore
 * authenticate in X.509 CA mode with no further step. Thread-safe (immutable after {@link #prepare}).
 */
public final class EstCa {

    /** The name under which the EST CA appears in {@code GET /certificates}. */
    public static final String REGISTRY_NAME = "local-hub-est";
    private static final Logger LOG = LoggerFactory.getLogger(EstCa.class);
    private static final Duration CA_VALIDITY = Duration.ofDays(5 * 365);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final CertificateAuthority ca;
    private final Duration validity;

    private EstCa(CertificateAuthority ca, Duration validity) {
        this.ca = ca;
        this.validity = validity;
    }

    /** Loads or creates the EST CA and makes sure the registry holds it as verified. */
    public static EstCa prepare(Path dataDir, String host, CaRegistry registry, Duration validity)
            throws CertificateToolException, StoreException, Refusal {
        CertificateAuthority hubCa = CertificateAuthority.load(dataDir.resolve("ca"), null);
        Path folder = dataDir.resolve("est").resolve("ca");
        CertificateAuthority ca = null;
        if (Files.exists(folder.resolve(CertificateAuthority.KEY_FILE))) {
            ca = CertificateAuthority.load(folder, null);
            if (!usable(ca, hubCa)) {
                ca = null;
            }
        }
        if (ca == null) {
            ca = hubCa.createIntermediate("local-hub EST CA " + host, KeyAlgorithm.EC_P256, CA_VALIDITY);
            ca.save(folder, null, true);
            LOG.info("EST CA created file={}", folder.resolve(CertificateAuthority.CERT_FILE));
        }
        register(ca, registry);
        return new EstCa(ca, validity);
    }

    /** @return the certificates for {@code /cacerts}: the EST CA, then its issuers up to the hub's root */
    public List<X509Certificate> caCertificates() {
        return ca.chain();
    }

    /** @return the EST CA's own certificate */
    public X509Certificate certificate() {
        return ca.certificate();
    }

    /**
     * @return the issued certificate, then the CA certificates below the root (what a module presents)
     * @throws CertificateToolException when the request's signature is wrong or its CN is not a device/module id
     */
    public List<X509Certificate> issue(PKCS10CertificationRequest csr) throws CertificateToolException {
        X509Certificate leaf = ca.signClient(csr, validity);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        for (X509Certificate cert : ca.chain()) {
            if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                chain.add(cert);
            }
        }
        return chain;
    }

    private static boolean usable(CertificateAuthority ca, CertificateAuthority hubCa) {
        X509Certificate cert = ca.certificate();
        try {
            cert.verify(hubCa.certificate().getPublicKey());
        } catch (GeneralSecurityException e) {
            return false;
        }
        return cert.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
    }

    private static void register(CertificateAuthority ca, CaRegistry registry) throws StoreException, Refusal {
        Optional<CaRecord> existing = registry.list().stream().filter(r -> r.name().equals(REGISTRY_NAME)).findFirst();
        if (existing.isPresent() && existing.get().verified() && existing.get().certificate().equals(ca.certificate())) {
            return;
        }
        registry.upload(REGISTRY_NAME, Pem.toPem(ca.certificate()));
        String code = registry.generateVerificationCode(REGISTRY_NAME, null).verificationCode();
        registry.verify(REGISTRY_NAME, null, Pem.toPem(ca.verificationCertificate(code, Duration.ofDays(1))));
        LOG.info("EST CA registered as verified name={} subject=\"{}\"", REGISTRY_NAME, ca.certificate().getSubjectX500Principal().getName());
    }
}
