package dev.moduleagent.localhub;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.CertificateRequests;
import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.SelfSigned;
import dev.moduleagent.certs.Thumbprints;
import dev.moduleagent.certs.TlsContexts;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A device or module identity for tests: a key, a certificate chain made with cert-tools, and the ids to connect as. */
final class TestIdentity {

    static final Duration DAY = Duration.ofDays(1);

    final String deviceId;
    final String moduleId;
    final PrivateKey key;
    final List<X509Certificate> chain;

    private TestIdentity(String deviceId, String moduleId, PrivateKey key, List<X509Certificate> chain) {
        this.deviceId = deviceId;
        this.moduleId = moduleId;
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    /** A self-signed certificate (thumbprint mode) with CN = device[/module]. */
    static TestIdentity selfSigned(String deviceId, String moduleId, Duration validity) throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate cert = SelfSigned.clientCertificate(keys, IdentityName.of(deviceId, moduleId), validity);
        return new TestIdentity(deviceId, moduleId, keys.getPrivate(), List.of(cert));
    }

    static TestIdentity selfSigned(String deviceId, String moduleId) throws Exception {
        return selfSigned(deviceId, moduleId, DAY);
    }

    /** A certificate signed by the CA (CA mode); the chain holds the CA's intermediates but not its root. */
    static TestIdentity issuedBy(CertificateAuthority ca, String deviceId, String moduleId, Duration validity) throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate leaf = ca.signClient(CertificateRequests.create(keys, IdentityName.of(deviceId, moduleId)), validity);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        List<X509Certificate> caChain = ca.chain();
        chain.addAll(caChain.subList(0, caChain.size() - 1));
        return new TestIdentity(deviceId, moduleId, keys.getPrivate(), chain);
    }

    /** The same key and certificate, connecting as another identity. */
    TestIdentity connectingAs(String otherDevice, String otherModule) {
        return new TestIdentity(otherDevice, otherModule, key, chain);
    }

    String sha1() {
        return Thumbprints.sha1(chain.get(0));
    }

    String sha256() {
        return Thumbprints.sha256(chain.get(0));
    }

    SSLContext sslContext(Path hubCa) throws Exception {
        return TlsContexts.client(key, chain, Pem.readCertificates(hubCa));
    }

    /** An SSLContext that only trusts the hub's CA and holds no key: what a SAS client needs. */
    static SSLContext trusting(Path hubCa) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("hub", Pem.readCertificates(hubCa).get(0));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    String connectionString(String host) {
        return "HostName=" + host + ";DeviceId=" + deviceId + (moduleId == null ? "" : ";ModuleId=" + moduleId) + ";x509=true";
    }

    ModuleClient moduleClient(LocalHub hub) throws Exception {
        return moduleClient(hub, IotHubClientProtocol.MQTT);
    }

    ModuleClient moduleClient(LocalHub hub, IotHubClientProtocol protocol) throws Exception {
        return new ModuleClient(connectionString(hub.hostName()), protocol,
            ClientOptions.builder().sslContext(sslContext(hub.caCertificateFile())).build());
    }

    DeviceClient deviceClient(LocalHub hub) throws Exception {
        return new DeviceClient(connectionString(hub.hostName()), IotHubClientProtocol.MQTT,
            ClientOptions.builder().sslContext(sslContext(hub.caCertificateFile())).build());
    }
}
