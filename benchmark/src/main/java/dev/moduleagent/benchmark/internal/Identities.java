package dev.moduleagent.benchmark.internal;

import com.google.gson.JsonObject;
import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.CertificateRequests;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.localhub.ServiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The identities of a run, in IoT Hub's CA mode: one CA, uploaded to the hub and verified, signs every module's
 * certificate (and mosquitto's server certificate, so that the load clients are the same for both servers).
 */
public final class Identities {

    private static final Duration VALIDITY = Duration.ofDays(2);

    private final HubProcess hub;
    private final CertificateAuthority ca;
    private final Path dir;
    private final Set<String> devices = new HashSet<>();

    private Identities(HubProcess hub, CertificateAuthority ca, Path dir) {
        this.hub = hub;
        this.ca = ca;
        this.dir = dir;
    }

    /**
     * Creates the CA, uploads it and proves possession of its key.
     *
     * @throws BenchmarkException when the hub refuses it
     */
    public static Identities create(HubProcess hub, Path dir) throws BenchmarkException {
        CertificateAuthority ca = CertificateAuthority.createRoot("module-agent benchmark CA", KeyAlgorithm.EC_P256,
                VALIDITY);
        try {
            Files.createDirectories(dir);
            JsonObject uploaded = ServiceCalls.retried(() -> hub.service().uploadCa("bench",
                    Pem.toPem(ca.certificate())));
            JsonObject properties = uploaded.has("properties") ? uploaded.getAsJsonObject("properties") : uploaded;
            String code = properties.get("verificationCode").getAsString();
            ServiceCalls.retried(() -> hub.service().verifyCa("bench", Pem.toPem(ca.verificationCertificate(code,
                    Duration.ofHours(1)))));
        } catch (ServiceException | IOException | RuntimeException e) {
            throw new BenchmarkException("the hub refused the benchmark's CA: " + e.getMessage(), e);
        }
        return new Identities(hub, ca, dir);
    }

    /** @return the CA that signs everything of this run */
    public CertificateAuthority ca() {
        return ca;
    }

    /**
     * Registers the module (and its device once) in the hub.
     *
     * @throws BenchmarkException when the hub refuses it
     */
    public void register(String deviceId, String moduleId) throws BenchmarkException {
        createDevice(deviceId);
        registerModule(deviceId, moduleId);
    }

    /** Creates the device unless this run already did. */
    public synchronized void createDevice(String deviceId) throws BenchmarkException {
        try {
            if (devices.add(deviceId)) {
                ServiceCalls.retried(() -> hub.service().createDevice(deviceId));
            }
        } catch (ServiceException e) {
            throw new BenchmarkException("the hub refused device " + deviceId + ": " + e.getMessage(), e);
        }
    }

    /** Registers a module of a device created before; may be called from several threads. */
    public void registerModule(String deviceId, String moduleId) throws BenchmarkException {
        try {
            ServiceCalls.retried(() -> hub.service().createModuleWithCa(deviceId, moduleId));
        } catch (ServiceException e) {
            throw new BenchmarkException("the hub refused module " + deviceId + "/" + moduleId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Registers a module and writes its key (PKCS#8 PEM, 0600) and certificate chain.
     *
     * @return the files a client needs
     * @throws BenchmarkException when the hub refuses it or a file cannot be written
     */
    public ModuleFiles module(String deviceId, String moduleId) throws BenchmarkException {
        register(deviceId, moduleId);
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        Path key = dir.resolve(moduleId + ".key.pem");
        Path chain = dir.resolve(moduleId + ".chain.pem");
        try {
            X509Certificate leaf = leaf(keys, deviceId, moduleId);
            Pem.writePrivateKey(key, keys.getPrivate(), null, true);
            Pem.writeCertificates(chain, List.of(leaf, ca.certificate()), true);
        } catch (CertificateToolException e) {
            throw new BenchmarkException("cannot write the identity of " + moduleId + ": " + e.getMessage(), e);
        }
        return new ModuleFiles(key, chain, hub.caFile());
    }

    /** @return a certificate {@code CN=<device>/<module>} for the given key, signed by the CA */
    public X509Certificate leaf(KeyPair keys, String deviceId, String moduleId) throws CertificateToolException {
        return ca.signClient(CertificateRequests.create(keys, IdentityName.of(deviceId, moduleId)), VALIDITY);
    }

    /**
     * The key files of one client.
     *
     * @param key the private key (PEM, PKCS#8, unencrypted)
     * @param chain the leaf and the CA (PEM)
     * @param trust the hub's CA (PEM)
     */
    public record ModuleFiles(Path key, Path chain, Path trust) {
    }
}
