package dev.moduleagent.runtime.check;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.TlsContexts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The network checks, in the order a connection needs them, each naming its layer: {@code dns} (the host resolves),
 * {@code tcp} (something listens on the transport's port: refused, timed out, or the other transport's port open
 * instead), {@code tls} (the handshake with the module's certificate and the configured trust: not TLS, untrusted
 * CA, host name mismatch, certificate refused by the hub). TCP and TLS are bounded by the timeout; DNS by the
 * resolver's own limits (resolv.conf).
 */
final class HubProbe {

    private static final int POST_HANDSHAKE_READ_MILLIS = 500;

    private final Duration timeout;
    private final Consumer<CheckLine> out;

    HubProbe(Duration timeout, Consumer<CheckLine> out) {
        this.timeout = timeout;
        this.out = out;
    }

    /** DNS and TCP only: what can be checked without a usable identity. */
    InetAddress reach(HubEndpoint endpoint) throws CheckFailure {
        InetAddress address = resolve(endpoint.host());
        connect(endpoint, address);
        return address;
    }

    /** The TLS handshake with the module's identity, after {@link #reach}. */
    void handshake(HubEndpoint endpoint, InetAddress address, ModuleIdentity identity) throws CheckFailure {
        SSLContext context;
        try {
            context = TlsContexts.client(identity.key(), identity.chain(), identity.trust());
        } catch (CertificateToolException e) {
            throw new CheckFailure("tls", "cannot build the TLS context: " + IdentityChecks.oneLine(e.getMessage()), e);
        }
        try (Socket plain = open(address, endpoint.port());
                SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, endpoint.host(),
                        endpoint.port(), true)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout((int) timeout.toMillis());
            socket.startHandshake();
            awaitVerdictOnClientCertificate(socket, endpoint);
            out.accept(CheckLine.ok("tls", endpoint + ": " + socket.getSession().getProtocol() + " with "
                    + socket.getSession().getPeerPrincipal() + ", trusted by " + trustName(identity)));
        } catch (IOException e) {
            throw TlsFailures.classify(endpoint, trustName(identity), e);
        }
    }

    /**
     * In TLS 1.3 the client's handshake ends before the server has checked the client's certificate: a server that
     * refuses it sends its alert afterwards. A short read brings that alert in (an MQTT server waiting for CONNECT
     * sends nothing, and the read times out: accepted).
     */
    private static void awaitVerdictOnClientCertificate(SSLSocket socket, HubEndpoint endpoint)
            throws IOException, CheckFailure {
        if (!"TLSv1.3".equals(socket.getSession().getProtocol())) {
            return;
        }
        socket.setSoTimeout(POST_HANDSHAKE_READ_MILLIS);
        try {
            if (socket.getInputStream().read() < 0) {
                throw new CheckFailure("auth", endpoint + " closed the connection right after the TLS handshake: "
                        + "the hub may refuse the module's certificate (is the module registered with it?)");
            }
        } catch (SocketTimeoutException e) {
            // nothing came: the server accepted the certificate and waits for the client
        }
    }

    private InetAddress resolve(String host) throws CheckFailure {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            out.accept(CheckLine.ok("dns", host + " resolves to " + Arrays.stream(addresses)
                    .map(InetAddress::getHostAddress).collect(Collectors.joining(", "))));
            return addresses[0];
        } catch (UnknownHostException e) {
            throw new CheckFailure("dns", "'" + host + "' does not resolve (" + IdentityChecks.oneLine(e.getMessage())
                    + "): check hub.host/gateway.host and the gateway's DNS", e);
        }
    }

    private void connect(HubEndpoint endpoint, InetAddress address) throws CheckFailure {
        try (Socket socket = open(address, endpoint.port())) {
            out.accept(CheckLine.ok("tcp", endpoint + " (" + address.getHostAddress() + ") accepts connections"));
        } catch (ConnectException e) {
            if (listens(address, endpoint.otherPort())) {
                throw new CheckFailure("tcp", endpoint + " refused the connection, but port " + endpoint.otherPort()
                        + " answers: wrong port for this hub (transport=" + endpoint.transport() + " uses "
                        + endpoint.port() + "; transport=" + endpoint.otherTransport() + " uses " + endpoint.otherPort()
                        + ")", e);
            }
            throw new CheckFailure("tcp", endpoint + " refused the connection: no hub listens there (is it running, "
                    + "is hub.host right?)", e);
        } catch (SocketTimeoutException e) {
            throw new CheckFailure("tcp", endpoint + " did not answer within " + timeout.toSeconds()
                    + " s: hub unreachable (a firewall drops the traffic, or the address is wrong)", e);
        } catch (NoRouteToHostException e) {
            throw new CheckFailure("tcp", endpoint + ": no route to host: hub unreachable from this gateway", e);
        } catch (IOException e) {
            throw new CheckFailure("tcp", endpoint + ": hub unreachable (" + IdentityChecks.oneLine(e.getMessage())
                    + ")", e);
        }
    }

    private boolean listens(InetAddress address, int port) {
        try (Socket socket = open(address, port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Socket open(InetAddress address, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static String trustName(ModuleIdentity identity) {
        String file = identity.config().get("trust.file");
        return file == null ? "the JDK's default roots" : "trust.file " + file;
    }
}
