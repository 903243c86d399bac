package dev.moduleagent.localhub.internal.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/** The client's certificates from a channel's TLS handshake: the credential of an X.509 identity, for every transport. */
public final class PeerCertificates {

    private PeerCertificates() {
    }

    /** The chain the client sent, leaf first; empty when it sent none or the channel has no TLS. */
    public static List<X509Certificate> of(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        List<X509Certificate> chain = new ArrayList<>();
        if (ssl == null) {
            return chain;
        }
        try {
            for (Certificate certificate : ssl.engine().getSession().getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            return chain;
        }
        return chain;
    }
}
