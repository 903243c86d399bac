package dev.moduleagent.localhub.internal.identity;

import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.store.DocumentTable;
import dev.moduleagent.localhub.internal.store.HubDatabase;
import dev.moduleagent.localhub.internal.store.StoreException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploaded CA certificates with IoT Hub's proof of possession: upload, generate a verification code, verify a
 * certificate with CN = code signed by the CA's key. Only verified CAs sign module certificates the hub accepts.
 */
public final class CaRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(CaRegistry.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int MAX_CAS = 100;

    private final HubDatabase database;
    private final Clock clock;
    private final Map<String, CaRecord> records = new ConcurrentSkipListMap<>();
    private final SecureRandom random = new SecureRandom();

    public CaRegistry(HubDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void load() throws StoreException {
        for (DocumentTable.Row row : database.read(c -> DocumentTable.CERTIFICATES.list(c))) {
            try {
                CaRecord record = CaRecord.fromStoredJson(row.document());
                records.put(record.name(), record);
            } catch (CertificateException | RuntimeException e) {
                LOG.warn("stored CA skipped name={} reason=\"{}\"", row.key1(), e.getMessage());
            }
        }
        LOG.info("CA certificates loaded count={}", records.size());
    }

    /** Uploads (or replaces, which resets verification) a CA certificate. */
    public synchronized CaRecord upload(String name, String certificateText) throws Refusal, StoreException {
        checkName(name);
        X509Certificate certificate = parse(certificateText, "CA certificate");
        if (certificate.getBasicConstraints() < 0) {
            throw Refusal.badRequest("certificate '" + certificate.getSubjectX500Principal().getName()
                + "' is not a CA certificate (no basicConstraints CA:true)");
        }
        if (!records.containsKey(name) && records.size() >= MAX_CAS) {
            throw new Refusal(403, "IotHubQuotaExceeded", "the hub holds the maximum of " + MAX_CAS + " CA certificates");
        }
        Instant now = clock.instant();
        CaRecord record = new CaRecord(name, certificate, false, null, etag(), now, now);
        save(record);
        LOG.info("CA uploaded name={} subject=\"{}\"", name, certificate.getSubjectX500Principal().getName());
        return record;
    }

    public CaRecord get(String name) throws Refusal {
        CaRecord record = records.get(name);
        if (record == null) {
            throw Refusal.notFound("CertificateNotFound", "CA certificate '" + name + "' not found");
        }
        return record;
    }

    public List<CaRecord> list() {
        return new ArrayList<>(records.values());
    }

    public synchronized CaRecord generateVerificationCode(String name, String ifMatch) throws Refusal, StoreException {
        CaRecord record = checkEtag(get(name), ifMatch);
        byte[] code = new byte[24];
        random.nextBytes(code);
        CaRecord updated = record.withVerificationCode(HexFormat.of().withUpperCase().formatHex(code), etag(), clock.instant());
        save(updated);
        return updated;
    }

    /** Checks the proof of possession: a certificate with CN = the verification code, signed by the CA's key. */
    public synchronized CaRecord verify(String name, String ifMatch, String certificateText) throws Refusal, StoreException {
        CaRecord record = checkEtag(get(name), ifMatch);
        if (record.verificationCode() == null) {
            throw Refusal.badRequest("generate a verification code for CA '" + name + "' first");
        }
        X509Certificate proof = parse(certificateText, "verification certificate");
        String expected = "CN=" + record.verificationCode();
        if (!proof.getSubjectX500Principal().getName().equals(expected)) {
            throw Refusal.badRequest("the verification certificate's subject must be " + expected);
        }
        try {
            proof.checkValidity(java.util.Date.from(clock.instant()));
            proof.verify(record.certificate().getPublicKey());
        } catch (GeneralSecurityException e) {
            throw Refusal.badRequest("the verification certificate is not valid or not signed by CA '" + name + "': " + e.getMessage());
        }
        CaRecord verified = record.asVerified(etag(), clock.instant());
        save(verified);
        LOG.info("CA verified name={}", name);
        return verified;
    }

    public synchronized void delete(String name) throws Refusal, StoreException {
        get(name);
        database.write(c -> DocumentTable.CERTIFICATES.delete(c, name, ""));
        records.remove(name);
        LOG.info("CA deleted name={}", name);
    }

    /** The certificates of the verified CAs: the trust anchors for X.509 CA authentication. */
    public List<X509Certificate> verifiedCertificates() {
        return records.values().stream().filter(CaRecord::verified).map(CaRecord::certificate).collect(Collectors.toList());
    }

    /** Whether a CA with this subject was uploaded but not yet verified (for a precise refusal message). */
    public boolean hasUnverified(javax.security.auth.x500.X500Principal subject) {
        return records.values().stream().anyMatch(r -> !r.verified() && r.certificate().getSubjectX500Principal().equals(subject));
    }

    private void save(CaRecord record) throws StoreException {
        database.write(c -> {
            DocumentTable.CERTIFICATES.put(c, record.name(), "", record.toStoredJson());
            return null;
        });
        records.put(record.name(), record);
    }

    private static CaRecord checkEtag(CaRecord record, String ifMatch) throws Refusal {
        if (ifMatch != null && !"*".equals(ifMatch) && !ifMatch.equals(record.etag())) {
            throw Refusal.preconditionFailed("etag " + ifMatch + " does not match CA '" + record.name() + "'");
        }
        return record;
    }

    private static void checkName(String name) throws Refusal {
        if (!NAME.matcher(name).matches()) {
            throw Refusal.badRequest("CA name must be 1-64 characters of A-Z a-z 0-9 _ . -");
        }
    }

    private static X509Certificate parse(String text, String what) throws Refusal {
        try {
            return CertificateParsing.parse(text);
        } catch (CertificateException e) {
            throw Refusal.badRequest(what + " is not readable: " + e.getMessage());
        }
    }

    private String etag() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
