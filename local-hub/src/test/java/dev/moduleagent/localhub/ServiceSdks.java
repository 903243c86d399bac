package dev.moduleagent.localhub;

import com.microsoft.azure.sdk.iot.service.auth.AuthenticationType;
import com.microsoft.azure.sdk.iot.service.registry.Module;
import com.microsoft.azure.sdk.iot.service.registry.RegistryClient;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Lets Microsoft's service SDK reach a test hub: it always connects to port 443 of the connection string's HostName
 * through {@link HttpsURLConnection}, whose default socket factory is the only place trust can be given to it.
 * {@link #trust} sets a factory trusting the hub's CA; {@link #restore} puts the JVM's default back.
 */
final class ServiceSdks {

    private static SSLSocketFactory original;

    private ServiceSdks() {
    }

    /** Starts a hub with the default ports (443 for the SDK) and lets the service SDK trust it. */
    static LocalHub startTrusted(String host, java.nio.file.Path dataDir) throws Exception {
        LocalHub hub = LocalHub.start(HubConfig.defaults(host, dataDir));
        trust(hub);
        return hub;
    }

    /** Gives the JVM its default trust back and closes the hub (null when it never started). */
    static void stop(LocalHub hub) {
        restore();
        if (hub != null) {
            hub.close();
        }
    }

    static synchronized void trust(LocalHub hub) throws Exception {
        if (original == null) {
            original = HttpsURLConnection.getDefaultSSLSocketFactory();
        }
        HttpsURLConnection.setDefaultSSLSocketFactory(HubTrust.context(hub).getSocketFactory());
    }

    static synchronized void restore() {
        if (original != null) {
            HttpsURLConnection.setDefaultSSLSocketFactory(original);
            original = null;
        }
    }

    /** Registers a module with the identity's self-signed certificate (thumbprint mode) through the service SDK. */
    static void addThumbprintModule(RegistryClient registry, TestIdentity identity) throws Exception {
        Module module = new Module(identity.deviceId, identity.moduleId, AuthenticationType.SELF_SIGNED);
        module.setThumbprint(identity.sha1(), identity.sha1());
        registry.addModule(module);
    }
}
