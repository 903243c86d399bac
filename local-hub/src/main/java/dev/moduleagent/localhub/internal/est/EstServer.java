package dev.moduleagent.localhub.internal.est;

import dev.moduleagent.localhub.internal.ListenerBinding;
import dev.moduleagent.localhub.internal.NetworkThreads;
import dev.moduleagent.localhub.internal.TlsListener;
import dev.moduleagent.localhub.internal.identity.CaRegistry;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The EST (RFC 7030) listener: {@code https://<bind>:<port>/.well-known/est/…}, issuing from the {@link EstCa}. */
public final class EstServer {

    private static final Logger LOG = LoggerFactory.getLogger(EstServer.class);
    static final int MAX_CONNECTIONS = 10_000;

    private EstServer() {
    }

    /**
     * Binds; throws {@link ListenerBinding.BindFailure} naming the address and port when it cannot.
     *
     * @param ssl a server context that requests (but does not require) a client certificate and lets any through:
     *            the EST operations judge it
     */
    public static TlsListener start(EstCa ca, Path dataDir, CaRegistry registry, NetworkThreads threads, SslContext ssl,
                                    InetSocketAddress address) throws ListenerBinding.BindFailure, InterruptedException {
        EstOperations operations = new EstOperations(ca, new EstAccess(dataDir), registry, Clock.systemUTC());
        TlsListener listener = TlsListener.start("est", threads, address, MAX_CONNECTIONS,
            channel -> EstChannelInitializer.addHandlers(channel, ssl, threads.handlers(), operations));
        LOG.info("EST server listening url=https://{}:{}/.well-known/est", address.getHostString(), listener.port());
        return listener;
    }
}
