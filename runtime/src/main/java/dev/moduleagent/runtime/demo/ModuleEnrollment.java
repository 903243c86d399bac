package dev.moduleagent.runtime.demo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.CertificateRequests;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.localhub.LocalHub;
import dev.moduleagent.localhub.ServiceClient;
import dev.moduleagent.localhub.ServiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Registers a module with a local hub the way a user does with IoT Hub in CA mode: a test CA is created, uploaded
 * and verified by proof of possession, the device and module are created, and the module gets a key and a
 * certificate with CN {@code <device>/<module>} signed by that CA.
 */
public final class ModuleEnrollment {

    private static final Duration CA_VALIDITY = Duration.ofDays(30);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(7);

    private final LocalHub hub;
    private final CertificateAuthority ca;

    private ModuleEnrollment(LocalHub hub, CertificateAuthority ca) {
        this.hub = hub;
        this.ca = ca;
    }

    /**
     * Creates a test CA, uploads it to the hub and proves possession of its key.
     *
     * @param hub a started local hub
     * @param caName the name the CA is registered under
     * @return an enrollment that issues module certificates from that CA
     * @throws DemoException when the CA cannot be made or the hub refuses it
     */
    public static ModuleEnrollment withNewCa(LocalHub hub, String caName) throws DemoException {
        CertificateAuthority ca = CertificateAuthority.createRoot("module-agent demo CA " + caName,
                KeyAlgorithm.EC_P256, CA_VALIDITY);
        try {
            ServiceClient service = hub.serviceClient();
            JsonObject uploaded = service.uploadCa(caName, Pem.toPem(ca.certificate()));
            X509Certificate proof = ca.verificationCertificate(verificationCode(uploaded), Duration.ofHours(1));
            service.verifyCa(caName, Pem.toPem(proof));
        } catch (ServiceException e) {
            throw new DemoException("the local hub refused CA " + caName + ": " + e.getMessage(), e);
        }
        return new ModuleEnrollment(hub, ca);
    }

    /**
     * @param deviceId the device to create
     * @throws DemoException when the hub refuses it
     */
    public void createDevice(String deviceId) throws DemoException {
        try {
            hub.serviceClient().createDevice(deviceId);
        } catch (ServiceException e) {
            throw new DemoException("the local hub refused device " + deviceId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a module authenticated by this CA and issues its key and certificate.
     *
     * @param deviceId an existing device
     * @param moduleId the module to create
     * @param folder where to write {@code <module>.key.pem} (0600) and {@code <module>.chain.pem}
     * @return the files the agent needs
     * @throws DemoException when the hub refuses the module or the files cannot be written
     */
    public ModuleIdentityFiles createModule(String deviceId, String moduleId, Path folder) throws DemoException {
        try {
            hub.serviceClient().createModuleWithCa(deviceId, moduleId);
            Files.createDirectories(folder);
            return issue(IdentityName.of(deviceId, moduleId), folder);
        } catch (ServiceException e) {
            throw new DemoException("the local hub refused module " + moduleId + ": " + e.getMessage(), e);
        } catch (CertificateToolException e) {
            throw new DemoException("cannot make the certificate of " + moduleId + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DemoException("cannot create " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String verificationCode(JsonObject uploaded) throws DemoException {
        JsonElement code = uploaded.get("verificationCode");
        if (code == null && uploaded.has("properties")) {
            code = uploaded.getAsJsonObject("properties").get("verificationCode");
        }
        if (code == null || !code.isJsonPrimitive()) {
            throw new DemoException("the local hub's answer to the CA upload has no verificationCode");
        }
        return code.getAsString();
    }

    private ModuleIdentityFiles issue(IdentityName name, Path folder)
            throws CertificateToolException {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate leaf = ca.signClient(CertificateRequests.create(keys, name), LEAF_VALIDITY);
        Path keyFile = folder.resolve(name.moduleId() + ".key.pem");
        Path chainFile = folder.resolve(name.moduleId() + ".chain.pem");
        Pem.writePrivateKey(keyFile, keys.getPrivate(), null, true);
        Pem.writeCertificates(chainFile, List.of(leaf, ca.certificate()), true);
        return new ModuleIdentityFiles(keyFile, chainFile, hub.caCertificateFile());
    }
}
