package dev.moduleagent.agent.internal.identity;

import dev.moduleagent.certs.CertificateRequests;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.EstClient;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Renews over EST with cert-tools' {@link EstClient} (Bouncy Castle's EST client): {@code simplereenroll} with a CSR
 * for the current subject, authenticated by the current certificate; the client checks that the issued
 * certificate carries the requested subject and key.
 */
final class EstEnroller implements Enroller {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_WAIT = Duration.ofMinutes(1);

    private final String url;
    private final List<X509Certificate> serverTrust;

    /**
     * @param url the EST URL
     * @param serverTrust the EST server's trust anchors
     */
    EstEnroller(String url, List<X509Certificate> serverTrust) {
        this.url = url;
        this.serverTrust = List.copyOf(serverTrust);
    }

    @Override
    public List<X509Certificate> reenroll(PrivateKey currentKey, List<X509Certificate> currentChain, KeyPair newKeys)
            throws CertificateToolException {
        return EstClient.to(url, serverTrust).clientCertificate(currentKey, currentChain).timeout(TIMEOUT)
                .maxWait(MAX_WAIT).build().reenroll(CertificateRequests.renewal(newKeys, currentChain.get(0)));
    }
}
