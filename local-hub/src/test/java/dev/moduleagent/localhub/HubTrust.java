package dev.moduleagent.localhub;

import dev.moduleagent.certs.Pem;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A client TLS context that trusts only a test hub's CA (no client certificate): for HTTPS and SAS clients. */
final class HubTrust {

    private HubTrust() {
    }

    static SSLContext context(LocalHub hub) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("hub", Pem.readCertificates(hub.caCertificateFile()).get(0));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
